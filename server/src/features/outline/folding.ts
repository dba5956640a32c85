import type { FoldingRange } from 'vscode-languageserver';
import { FoldingRangeKind } from '../../lsp';
import type { DockerfileModel } from '../../model';

/** Folds per stage, per multi-line instruction, per heredoc body and per block of two or more comment lines. */
export function foldingRanges(model: DockerfileModel): FoldingRange[] {
  const ranges: FoldingRange[] = [];
  const seen = new Set<string>();
  const add = (startLine: number, endLine: number, kind?: string): void => {
    const key = `${startLine}:${endLine}`;
    if (endLine <= startLine || seen.has(key)) return;
    seen.add(key);
    ranges.push(kind === undefined ? { startLine, endLine } : { startLine, endLine, kind });
  };
  for (const stage of model.stages) add(stage.range.start.line, lastContentLine(model, stage.range.end.line));
  for (const instruction of model.instructions) {
    add(instruction.range.start.line, instruction.range.end.line);
    for (const heredoc of instruction.heredocs) {
      const end = heredoc.terminatorRange?.end.line ?? heredoc.contentRange?.end.line;
      if (end !== undefined) add(heredoc.range.start.line, end);
    }
  }
  let blockStart: number | undefined;
  let previous = -2;
  for (const comment of model.comments) {
    const line = comment.range.start.line;
    if (line !== previous + 1) {
      if (blockStart !== undefined) add(blockStart, previous, FoldingRangeKind.Comment);
      blockStart = line;
    }
    previous = line;
  }
  if (blockStart !== undefined) add(blockStart, previous, FoldingRangeKind.Comment);
  return ranges.sort((a, b) => a.startLine - b.startLine || b.endLine - a.endLine);
}

function lastContentLine(model: DockerfileModel, line: number): number {
  let last = line;
  while (last > 0 && model.lines.lineText(last).trim() === '') last--;
  return last;
}
