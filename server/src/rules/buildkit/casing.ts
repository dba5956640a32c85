import type { Rule } from '../rule';
import { instructionsWithTriggers } from '../walk';

const isUpper = (text: string): boolean => text === text.toUpperCase();
const isLower = (text: string): boolean => text === text.toLowerCase();

export const stageNameCasing: Rule = {
  id: 'StageNameCasing',
  defaultSeverity: 'warning',
  buildkit: true,
  summary: 'Stage names should be lowercase.',
  *check(model) {
    for (const stage of model.stages) {
      const token = stage.nameToken;
      if (token === undefined || isLower(token.value) || token.value.includes('$')) continue;
      yield {
        range: token.range,
        message: `Stage name \`${token.value}\` should be lowercase.`,
        fixes: [{ title: `Rename to ${token.value.toLowerCase()}`, edits: [{ range: token.range, newText: token.value.toLowerCase() }] }],
      };
    }
  },
};

export const fromAsCasing: Rule = {
  id: 'FromAsCasing',
  defaultSeverity: 'warning',
  buildkit: true,
  summary: "The 'AS' keyword should match the case of 'FROM'.",
  *check(model) {
    for (const stage of model.stages) {
      const as = stage.from.args[1];
      if (as === undefined || as.value.toUpperCase() !== 'AS' || stage.nameToken === undefined) continue;
      const keyword = stage.from.keywordText;
      const wanted = isUpper(keyword) ? 'AS' : isLower(keyword) ? 'as' : undefined;
      if (wanted === undefined || as.value === wanted) continue;
      yield {
        range: as.range,
        message: `'${as.value}' and '${keyword}' keywords' casing do not match: write '${wanted}'.`,
        fixes: [{ title: `Change to ${wanted}`, edits: [{ range: as.range, newText: wanted }] }],
      };
    }
  },
};

/** Instructions are all upper or all lower case, and follow the file's majority. */
export const consistentInstructionCasing: Rule = {
  id: 'ConsistentInstructionCasing',
  defaultSeverity: 'warning',
  buildkit: true,
  summary: 'Instructions should use one casing: the majority of the file (usually uppercase).',
  *check(model) {
    const instructions = [...instructionsWithTriggers(model)];
    const upper = instructions.filter((i) => isUpper(i.keywordText)).length;
    const lower = instructions.filter((i) => isLower(i.keywordText)).length;
    const majorityUpper = upper >= lower;
    for (const instruction of instructions) {
      const text = instruction.keywordText;
      if (majorityUpper ? isUpper(text) : isLower(text)) continue;
      const wanted = majorityUpper ? text.toUpperCase() : text.toLowerCase();
      yield {
        range: instruction.keywordRange,
        message: `Command '${text}' should match the case of the command majority (${majorityUpper ? 'uppercase' : 'lowercase'}).`,
        fixes: [{ title: `Change to ${wanted}`, edits: [{ range: instruction.keywordRange, newText: wanted }] }],
      };
    }
  },
};
