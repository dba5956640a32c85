import { l10n } from '../../locale/l10n';
import type { Finding, Rule } from '../rule';

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

const CHECK_DIRECTIVE = /^\s*(skip\s*=\s*[^;]*|error\s*=\s*(true|false))\s*(;\s*(skip\s*=\s*[^;]*|error\s*=\s*(true|false))\s*)*;?\s*$/i;

export const invalidCheckDirective: Rule = {
  id: 'InvalidCheckDirective',
  defaultSeverity: 'error',
  get summary() { return l10n.t('The check directive is `skip=<rules|all>` and/or `error=true|false`, separated by `;`.'); },
  check(model) {
    const found: Finding[] = [];
    for (const directive of model.directives) {
      if (directive.name.toLowerCase() !== 'check' || CHECK_DIRECTIVE.test(directive.value)) continue;
      found.push({
        range: directive.valueRange,
        message: l10n.t('Invalid check directive: write `# check=skip=<Rule>[,<Rule>]` and/or `error=true`, separated by `;`.'),
      });
    }
    return found;
  },
};
