import { l10n } from '../../locale/l10n';
import type { Finding, Rule } from '../rule';

export const exposeProtoCasing: Rule = {
  id: 'ExposeProtoCasing',
  local: true,
  defaultSeverity: 'warning',
  buildkit: true,
  get summary() { return l10n.t('EXPOSE protocols should be lowercase.'); },
  check(model) {
    const found: Finding[] = [];
    for (const instruction of model.instructions) {
      if (instruction.keyword !== 'EXPOSE') continue;
      for (const arg of instruction.args) {
        const protocol = arg.value.split('/')[1];
        if (protocol === undefined || protocol === protocol.toLowerCase()) continue;
        found.push({
          range: arg.range,
          message: l10n.t`Defined protocol '${protocol}' in EXPOSE instruction should be lowercase.`,
          fixes: [{ title: l10n.t('Use a lowercase protocol'), edits: [{ range: arg.range, newText: arg.value.replace(/\/[^/]*$/, `/${protocol.toLowerCase()}`) }] }],
        });
      }
    }
    return found;
  },
};

export const exposeInvalidFormat: Rule = {
  id: 'ExposeInvalidFormat',
  local: true,
  defaultSeverity: 'warning',
  buildkit: true,
  get summary() { return l10n.t('EXPOSE takes container ports only; IP addresses and host ports belong to `docker run -p`.'); },
  check(model) {
    const found: Finding[] = [];
    for (const instruction of model.instructions) {
      if (instruction.keyword !== 'EXPOSE') continue;
      for (const arg of instruction.args) {
        if (!arg.value.includes(':') || arg.value.includes('$')) continue;
        const port = arg.value.split(':').pop() ?? '';
        found.push({
          range: arg.range,
          message: l10n.t`EXPOSE instruction should not define an IP address or host port (\`${arg.value}\`): publish with \`docker run -p ${arg.value}\` and expose \`${port}\`.`,
          fixes: [{ title: `Expose ${port}`, edits: [{ range: arg.range, newText: port }] }],
        });
      }
    }
    return found;
  },
};
