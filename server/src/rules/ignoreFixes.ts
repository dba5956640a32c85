import { l10n } from '../locale/l10n';
import type { DockerfileModel } from '../model';
import type { Fix, Problem } from './rule';
import { ruleById } from './registry';

/**
 * The "ignore this rule" fixes every problem offers: a `# stagecraft ignore=` comment above its instruction
 * (merged into one already there), and for BuildKit checks a `skip=` entry in the file's one `# check=`
 * directive (merged into the existing directive, as BuildKit reads only one).
 */
export function ignoreFixes(model: DockerfileModel, problem: Problem): Fix[] {
  const fixes: Fix[] = [];
  const instruction = model.instructionAt(problem.range.start.line);
  if (instruction !== undefined) {
    const line = instruction.range.start.line;
    const above = line > 0 ? model.lines.lineText(line - 1) : '';
    const existing = /^(\s*#\s*stagecraft\s+ignore\s*=\s*)([\w,\s]*?)\s*$/.exec(above);
    if (existing !== null) {
      fixes.push({
        title: l10n.t`Ignore ${problem.ruleId} for this instruction`,
        edits: [{ range: { start: { line: line - 1, character: 0 }, end: { line: line - 1, character: above.length } }, newText: `${existing[1] ?? ''}${[existing[2], problem.ruleId].filter(Boolean).join(',')}` }],
      });
    } else {
      const indent = /^\s*/.exec(model.lines.lineText(line))?.[0] ?? '';
      fixes.push({
        title: l10n.t`Ignore ${problem.ruleId} for this instruction`,
        edits: [{ range: { start: { line, character: 0 }, end: { line, character: 0 } }, newText: `${indent}# stagecraft ignore=${problem.ruleId}\n` }],
      });
    }
  }
  if (ruleById(problem.ruleId)?.buildkit === true) {
    const check = model.directives.find((d) => d.name.toLowerCase() === 'check');
    if (check === undefined) {
      fixes.push({ title: l10n.t`Skip ${problem.ruleId} in this file (# check=skip)`, edits: [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, newText: `# check=skip=${problem.ruleId}\n` }] });
    } else {
      const parts = check.value.split(';').map((p) => p.trim()).filter(Boolean);
      const skip = parts.findIndex((p) => /^skip\s*=/i.test(p));
      if (skip < 0) parts.unshift(`skip=${problem.ruleId}`);
      else parts[skip] = `${parts[skip]},${problem.ruleId}`;
      fixes.push({ title: l10n.t`Skip ${problem.ruleId} in this file (# check=skip)`, edits: [{ range: check.valueRange, newText: parts.join(';') }] });
    }
  }
  return fixes;
}
