import { l10n } from '../../locale/l10n';
import type { Finding, Rule } from '../rule';
import { parseCheckDirective } from '../suppressions';

const KNOWN_DIRECTIVES = ['syntax', 'escape', 'check'];

export const invalidEscapeDirective: Rule = {
  id: 'InvalidEscapeDirective',
  defaultSeverity: 'error',
  get summary() { return l10n.t('The escape directive accepts only `\\` or a backtick.'); },
  check(model) {
    const found: Finding[] = [];
    for (const directive of model.directives) {
      if (directive.name.toLowerCase() !== 'escape') continue;
      if (directive.value === '\\' || directive.value === '`') continue;
      found.push({
        range: directive.valueRange,
        message: l10n.t`Invalid escape character \`${directive.value}\`: use \`\\\` (the default) or \`\`\` (common on Windows).`,
      });
    }
    return found;
  },
};

export const duplicateDirective: Rule = {
  id: 'DuplicateDirective',
  defaultSeverity: 'error',
  get summary() { return l10n.t('A parser directive may appear only once.'); },
  check(model) {
    const found: Finding[] = [];
    const seen = new Set<string>();
    for (const directive of model.directives) {
      const name = directive.name.toLowerCase();
      if (!KNOWN_DIRECTIVES.includes(name)) continue;
      if (seen.has(name)) found.push({ range: directive.range, message: l10n.t`The \`${name}\` directive is given more than once; only one is allowed.` });
      seen.add(name);
    }
    return found;
  },
};

export const invalidCheckDirective: Rule = {
  id: 'InvalidCheckDirective',
  defaultSeverity: 'error',
  get summary() { return l10n.t('BuildKit refuses a check directive that is not `skip=`, `error=` or `experimental=` parts separated by `;`.'); },
  check(model) {
    const found: Finding[] = [];
    for (const directive of model.directives) {
      if (directive.name.toLowerCase() !== 'check') continue;
      const { invalid } = parseCheckDirective(directive.value);
      if (invalid === undefined) continue;
      found.push({
        range: directive.valueRange,
        message: l10n.t`The build fails: failed to parse check options: ${invalid}. Write \`# check=skip=<Rule>[,<Rule>]\`, \`error=true\` and \`experimental=<Rule>|all\`, separated by \`;\` with no spaces around it.`,
      });
    }
    return found;
  },
};
