import { l10n } from '../locale/l10n';
import type { DockerfileModel, InstructionModel } from '../model';
import type { TextEdit } from '../rules/rule';
import type { ConversionPlan } from './plan';
import { instructionText } from './plan';

function isComment(text: string): boolean {
  return /^\s*#/.test(text);
}

/** The comment lines directly above an instruction (no blank line between): they travel with it. */
function leadingCommentStart(model: DockerfileModel, instruction: InstructionModel): number {
  const directiveLines = new Set(model.directives.map((d) => d.range.start.line));
  let line = instruction.range.start.line;
  while (line > 0 && isComment(model.lines.lineText(line - 1)) && !directiveLines.has(line - 1)) {
    const previous = model.instructionAt(line - 1);
    if (previous !== undefined && previous.range.end.line >= line - 1) break;
    line--;
  }
  return line;
}

function originalLine(instruction: InstructionModel): string {
  return `${instruction.keyword} (line ${instruction.range.start.line + 1})`;
}

export function decisionComment(plan: ConversionPlan): string[] {
  const { analysis } = plan;
  const lines = [
    plan.needsReview
      ? l10n.t`Converted to a multi-stage build by Stagecraft. NEEDS REVIEW: ${plan.todos.length} TODO(s) below say what the final image may lack. Decisions (line numbers are of the original file):`
      : l10n.t('Converted to a multi-stage build by Stagecraft. Decisions (line numbers are of the original file):'),
    l10n.t`- stage "${plan.buildStageName}" (${analysis.stage.base.text}) builds with the ${analysis.toolchain.label} toolchain, recognised from ${analysis.toolchainSource}`,
    l10n.t`- the final stage starts FROM ${plan.runtime.image}: ${plan.runtime.why}`,
    l10n.t`- copied from "${plan.buildStageName}": ${plan.artifacts.map((a) => `${a.source} (${a.why})`).join('; ') || l10n.t('nothing identified')}`,
  ];
  if (plan.moved.length > 0) lines.push(l10n.t`- moved to the final stage: ${plan.moved.map((m) => originalLine(m.instruction)).join(', ')}`);
  if (plan.copiedEnv.length > 0 || plan.finalUser) {
    lines.push(l10n.t`- repeated in the final stage: ${[...plan.copiedEnv, ...(plan.finalUser ? [plan.finalUser] : [])].map(originalLine).join(', ')}`);
  }
  for (const note of plan.notes) lines.push(`- ${note}`);
  for (const todo of plan.todos) lines.push(`- TODO: ${todo}`);
  return lines.map((line) => `# ${line}`);
}

function finalStage(model: DockerfileModel, plan: ConversionPlan, movedTexts: readonly string[]): string[] {
  const lines = [`FROM ${plan.runtime.image}`];
  for (const env of plan.copiedEnv) lines.push(instructionText(model, env));
  if (plan.finalWorkdir !== undefined) lines.push(`WORKDIR ${plan.finalWorkdir}`);
  for (const artifact of plan.artifacts) lines.push(`COPY --from=${plan.buildStageName} ${artifact.source} ${artifact.target}`);
  for (const { text } of plan.carried) lines.push(text);
  if (plan.finalUser) lines.push(instructionText(model, plan.finalUser));
  lines.push(...movedTexts);
  return lines;
}

/**
 * The conversion as one set of non-overlapping edits: a comment at the top, `AS build` on the FROM line,
 * the build-stage tweaks, the runtime instructions (with the comments above them) lifted out, and the final
 * stage appended. Everything else keeps its exact text, continuations and comments.
 */
export function renderEdits(model: DockerfileModel, plan: ConversionPlan): TextEdit[] {
  const edits: TextEdit[] = [];
  const stage = plan.analysis.stage;
  const firstLine = model.directives.length > 0 ? Math.max(...model.directives.map((d) => d.range.end.line)) + 1 : 0;
  edits.push({ range: { start: { line: firstLine, character: 0 }, end: { line: firstLine, character: 0 } }, newText: `${decisionComment(plan).join('\n')}\n` });
  if (plan.nameBuildStage && stage.baseRange !== undefined) {
    const end = stage.from.args.at(-1)?.range.end ?? stage.baseRange.end;
    edits.push({ range: { start: end, end }, newText: ` AS ${plan.buildStageName}` });
  }
  edits.push(...plan.buildEdits);

  // Lines that leave the build stage: the moved instructions and the comments directly above them.
  const removed = new Set<number>();
  const movedTexts: string[] = [];
  const blocks: { start: number; instruction: InstructionModel }[] = [];
  for (const { instruction, text } of plan.moved) {
    const start = leadingCommentStart(model, instruction);
    for (let line = start; line < instruction.range.start.line; line++) movedTexts.push(model.lines.lineText(line));
    movedTexts.push(text);
    for (let line = start; line <= instruction.range.end.line; line++) removed.add(line);
    blocks.push({ start, instruction });
  }
  const blank = (line: number): boolean => model.lines.lineText(line).trim() === '';
  let lastKept = model.lines.lineCount - 1;
  while (lastKept > 0 && (removed.has(lastKept) || blank(lastKept))) lastKept--;

  for (const { start, instruction } of blocks) {
    if (start > lastKept) continue; // the tail edit below replaces it
    let endLine = instruction.range.end.line + 1;
    // Do not leave two blank lines where the block was.
    if (start === 0 || blank(start - 1)) while (endLine <= lastKept && blank(endLine)) endLine++;
    edits.push({ range: { start: { line: start, character: 0 }, end: { line: endLine, character: 0 } }, newText: '' });
  }

  const tailStart = { line: lastKept, character: model.lines.lineText(lastKept).length };
  const lastLine = model.lines.lineCount - 1;
  const documentEnd = { line: lastLine, character: model.lines.lineText(lastLine).length };
  const added = plan.addedBuildLine;
  let tailPrefix = '';
  if (added !== undefined) {
    if (added.after.range.end.line === lastKept) tailPrefix = `\n${added.text}`;
    else edits.push({ range: { start: added.after.range.end, end: added.after.range.end }, newText: `\n${added.text}` });
  }
  edits.push({ range: { start: tailStart, end: documentEnd }, newText: `${tailPrefix}\n\n${finalStage(model, plan, movedTexts).join('\n')}\n` });
  return edits;
}
