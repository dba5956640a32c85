import { l10n } from '../../locale/l10n';
import { instructionSpec } from '../../reference/instructions';
import type { Finding, Rule } from '../rule';
import { stagesToCheck } from '../rule';
import { closest } from '../walk';
import { ALWAYS_DEFINED, expandedByBuilder, knownBaseEnv } from '../baseEnv';
import { comparePositions } from '../../model';
import type { InstructionModel, Position } from '../../model';

/** Where the whitespace-separated word holding `at` starts (its line, for a heredoc body's line). */
function wordStart(instruction: InstructionModel, at: Position): string {
  for (const flag of instruction.flags) if (comparePositions(flag.range.start, at) <= 0 && comparePositions(at, flag.range.end) <= 0) return `${flag.range.start.line}:${flag.range.start.character}`;
  for (const arg of instruction.args) if (comparePositions(arg.range.start, at) <= 0 && comparePositions(at, arg.range.end) <= 0) return `${arg.range.start.line}:${arg.range.start.character}`;
  return `${at.line}`;
}


export const undefinedVar: Rule = {
  id: 'UndefinedVar',
  defaultSeverity: 'warning',
  perStage: true,
  buildkit: true,
  readsBaseImages: true,
  get summary() { return l10n.t('A variable the builder substitutes is not defined at that point.'); },
  check(model, context) {
    const found: Finding[] = [];
    for (const stage of stagesToCheck(model, context)) {
      // With an external base, its image config may define anything (JAVA_HOME, NGINX_VERSION): unless the
      // engine gave that config, only near-misses of names this file defines are reported. From scratch, or
      // with the base's config read, everything is known and the rule says what BuildKit says.
      const baseEnv = knownBaseEnv(model, stage, context);
      const fullyKnown = baseEnv !== undefined;
      // Windows environment names are case-insensitive and mostly come from the base image.
      if (stage.runtime.isWindows && !fullyKnown) continue;
      for (const instruction of stage.instructions) {
        if (instruction.keyword === 'FROM' || !instructionSpec(instruction.keyword)?.expandsVariables) continue;
        const references = instruction.variables;
        if (references.length === 0) continue;
        // BuildKit reports each undefined name once per word it expands (`--chown=$U:$U` once, `A=$X B=$X`
        // twice), with or without a `${X:-default}` modifier.
        let reported: Set<string> | undefined;
        for (const reference of references) {
          const word = `${reference.name}@${wordStart(instruction, reference.range.start)}`;
          if (reference.name === '' || reported?.has(word) === true) continue;
          if (!expandedByBuilder(instruction, reference)) continue;
          if (ALWAYS_DEFINED.has(reference.name) || baseEnv?.has(reference.name) === true) continue;
          if (model.lookupVariable(reference.name, instruction.index) !== undefined) continue;
          const parent = stage.parentStageIndex === undefined ? undefined : model.stages[stage.parentStageIndex];
          const known = [...new Set([...stage.variables.filter((v) => v.instructionIndex < instruction.index).map((v) => v.name), ...(parent?.runtime.env.keys() ?? [])])]
            .filter((name) => name !== reference.name);
          const suggestion = closest(reference.name, known);
          if (!fullyKnown && suggestion === undefined) continue;
          (reported ??= new Set()).add(word);
          found.push({
            range: reference.range,
            message: l10n.t`Usage of undefined variable '$${reference.name}'${suggestion ? l10n.t` (did you mean $${suggestion}?)` : ''}.`,
            ...(suggestion ? { fixes: [{ title: l10n.t`Change to $${suggestion}`, edits: [{ range: reference.nameRange, newText: suggestion }] }] } : {}),
          });
        }
      }
    }
    return found;
  },
};
