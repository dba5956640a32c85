import { l10n } from '../../locale/l10n';
import { dockerIgnoreFor } from '../../buildContext/dockerignore';
import type { Finding, Rule } from '../rule';

export const copyIgnoredFile: Rule = {
  id: 'CopyIgnoredFile',
  defaultSeverity: 'warning',
  buildkit: true,
  get summary() { return l10n.t('COPY/ADD names a file that .dockerignore excludes from the build context.'); },
  check(model, context) {
    const found: Finding[] = [];
    const ignore = dockerIgnoreFor(model.uri, context.buildContext);
    if (ignore === undefined) return found;
    for (const instruction of model.instructions) {
      if ((instruction.keyword !== 'COPY' && instruction.keyword !== 'ADD') || instruction.flags.some((f) => f.name === 'from')) continue;
      const sources = instruction.args.slice(0, -1).filter((a) => !a.value.startsWith('<<') && !/^[a-z]+:\/\//i.test(a.value) && !/[*?[$]/.test(a.value) && !a.value.startsWith('git@'));
      for (const source of sources) {
        const pattern = ignore.excludedBy(source.value);
        if (pattern === undefined || source.value === '.' || source.value === './') continue;
        found.push({ range: source.range, message: l10n.t`Attempting to ${instruction.keyword} file "${source.value}" that is excluded by .dockerignore (pattern \`${pattern}\`): the build will not find it.` });
      }
    }
    return found;
  },
};
