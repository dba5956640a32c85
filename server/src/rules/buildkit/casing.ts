import { l10n } from '../../locale/l10n';
import type { InstructionModel } from '../../model';
import type { Finding, Rule } from '../rule';
import { stagesToCheck } from '../rule';
import { instructionsWithTriggers } from '../walk';

const isUpper = (text: string): boolean => text === text.toUpperCase();
const isLower = (text: string): boolean => text === text.toLowerCase();

/** The casing of a keyword: `Run` is mixed; text without letters is both upper and lower case. */
function casingOf(text: string): 'upper' | 'lower' | 'both' | 'mixed' {
  let hasUpper = false;
  let hasLower = false;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code >= 65 && code <= 90) hasUpper = true;
    else if (code >= 97 && code <= 122) hasLower = true;
    else if (code > 127) return isUpper(text) ? (isLower(text) ? 'both' : 'upper') : isLower(text) ? 'lower' : 'mixed';
  }
  return hasUpper && hasLower ? 'mixed' : hasLower ? 'lower' : hasUpper ? 'upper' : 'both';
}

export const stageNameCasing: Rule = {
  id: 'StageNameCasing',
  defaultSeverity: 'warning',
  perStage: true,
  buildkit: true,
  get summary() { return l10n.t('Stage names should be lowercase.'); },
  check(model, context) {
    const found: Finding[] = [];
    for (const stage of stagesToCheck(model, context)) {
      const token = stage.nameToken;
      if (token === undefined || isLower(token.value) || token.value.includes('$')) continue;
      found.push({
        range: token.range,
        message: l10n.t`Stage name \`${token.value}\` should be lowercase.`,
        fixes: [{ title: l10n.t`Rename to ${token.value.toLowerCase()}`, edits: [{ range: token.range, newText: token.value.toLowerCase() }] }],
      });
    }
    return found;
  },
};

export const fromAsCasing: Rule = {
  id: 'FromAsCasing',
  defaultSeverity: 'warning',
  perStage: true,
  buildkit: true,
  get summary() { return l10n.t("The 'AS' keyword should match the case of 'FROM'."); },
  check(model, context) {
    const found: Finding[] = [];
    for (const stage of stagesToCheck(model, context)) {
      const as = stage.from.args[1];
      if (as === undefined || as.value.toUpperCase() !== 'AS' || stage.nameToken === undefined) continue;
      const keyword = stage.from.keywordText;
      const wanted = isUpper(keyword) ? 'AS' : isLower(keyword) ? 'as' : undefined;
      if (wanted === undefined || as.value === wanted) continue;
      found.push({
        range: as.range,
        message: l10n.t`'${as.value}' and '${keyword}' keywords' casing do not match: write '${wanted}'.`,
        fixes: [{ title: l10n.t`Change to ${wanted}`, edits: [{ range: as.range, newText: wanted }] }],
      });
    }
    return found;
  },
};

/** Instructions are all upper or all lower case, and follow the file's majority. */
export const consistentInstructionCasing: Rule = {
  id: 'ConsistentInstructionCasing',
  defaultSeverity: 'warning',
  buildkit: true,
  get summary() { return l10n.t('Instructions should use one casing: the majority of the file (usually uppercase).'); },
  check(model) {
    const found: Finding[] = [];
    // Counted in one pass that keeps only the instructions not in upper case, the usual minority: this rule reads
    // every instruction of the file on every keystroke. A lowercase majority (rare) takes a second pass.
    let upper = 0;
    let lower = 0;
    const notUpper: InstructionModel[] = [];
    const all = instructionsWithTriggers(model);
    for (const instruction of all) {
      const casing = casingOf(instruction.keywordText);
      if (casing === 'upper' || casing === 'both') upper++;
      else notUpper.push(instruction);
      if (casing === 'lower' || casing === 'both') lower++;
    }
    const majorityUpper = upper >= lower;
    const offending = majorityUpper ? notUpper : all.filter((instruction) => {
      const casing = casingOf(instruction.keywordText);
      return casing !== 'lower' && casing !== 'both';
    });
    for (const instruction of offending) {
      const text = instruction.keywordText;
      const wanted = majorityUpper ? text.toUpperCase() : text.toLowerCase();
      found.push({
        range: instruction.keywordRange,
        message: l10n.t`Command '${text}' should match the case of the command majority (${majorityUpper ? 'uppercase' : 'lowercase'}).`,
        fixes: [{ title: l10n.t`Change to ${wanted}`, edits: [{ range: instruction.keywordRange, newText: wanted }] }],
      });
    }
    return found;
  },
};
