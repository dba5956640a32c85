import { l10n } from '../../locale/l10n';
import { instructionSpec } from '../../reference/instructions';
import type { Finding, Rule } from '../rule';
import { stagesToCheck } from '../rule';
import { closest } from '../walk';

export const undefinedVar: Rule = {
  id: 'UndefinedVar',
  defaultSeverity: 'warning',
  perStage: true,
  buildkit: true,
  get summary() { return l10n.t('A variable the builder substitutes is not defined at that point.'); },
  check(model, context) {
    const found: Finding[] = [];
    for (const stage of stagesToCheck(model, context)) {
      // With an external base, its image config may define anything (PATH, JAVA_HOME, NGINX_VERSION):
      // then only near-misses of names this file defines are reported. From scratch, everything is known.
      let root = stage;
      while (root.parentStageIndex !== undefined) root = model.stages[root.parentStageIndex] ?? root;
      const fullyKnown = root.baseImage?.isScratch === true;
      // Windows environment names are case-insensitive and mostly come from the base image.
      if (stage.runtime.isWindows && !fullyKnown) continue;
      for (const instruction of stage.instructions) {
        if (instruction.keyword === 'FROM' || !instructionSpec(instruction.keyword)?.expandsVariables) continue;
        const references = instruction.variables;
        if (references.length === 0) continue;
        // Most instructions have no heredoc: no lists made for them (this rule visits every instruction).
        const bodies = instruction.heredocs.length === 0 ? undefined : instruction.heredocs.map((h) => h.contentRange).filter((r) => r !== null);
        for (const reference of references) {
          if (reference.modifier !== null) continue; // ${X:-default} and friends handle the unset case
          if (bodies?.some((r) => reference.range.start.line >= r.start.line && reference.range.start.line <= r.end.line) === true) continue;
          if (model.lookupVariable(reference.name, instruction.index) !== undefined) continue;
          const parent = stage.parentStageIndex === undefined ? undefined : model.stages[stage.parentStageIndex];
          const known = [...new Set([...stage.variables.filter((v) => v.instructionIndex < instruction.index).map((v) => v.name), ...(parent?.runtime.env.keys() ?? [])])]
            .filter((name) => name !== reference.name);
          const suggestion = closest(reference.name, known);
          if (!fullyKnown && suggestion === undefined) continue;
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
