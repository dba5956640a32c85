import type { Position, Range, SelectionRange } from 'vscode-languageserver';
import type { DockerfileModel } from '../../model';
import { comparePositions, elementAt, rangeContains } from '../../model';

/** Word → flag option or argument → the instruction's arguments → the instruction → its stage → the file. */
export function selectionRanges(model: DockerfileModel, positions: readonly Position[]): SelectionRange[] {
  return positions.map((position) => {
    const chain: Range[] = [];
    const element = elementAt(model, position);
    if (element !== undefined) {
      switch (element.kind) {
        case 'directive': chain.push(element.directive.valueRange, element.directive.range); break;
        case 'variable': {
          chain.push(element.reference.nameRange, element.reference.range);
          const token = element.instruction.args.find((t) => rangeContains(t.range, position));
          if (token !== undefined) chain.push(token.range);
          break;
        }
        case 'flag':
          if (element.option !== undefined) chain.push(...[element.option.valueRange, element.option.range].filter((r): r is Range => r !== null));
          if (element.flag.valueRange !== null) chain.push(element.flag.valueRange);
          chain.push(element.flag.range);
          break;
        case 'stageName': if (element.stage.nameToken !== undefined) chain.push(element.stage.nameToken.range); break;
        case 'baseImage': if (element.stage.baseRange !== undefined) chain.push(element.stage.baseRange); break;
        case 'heredoc': chain.push(element.heredoc.nameRange, element.heredoc.range); break;
        case 'argument': if (element.token !== undefined) chain.push(element.token.range); break;
        case 'keyword': chain.push(element.instruction.keywordRange); break;
      }
      if (element.kind !== 'directive') {
        const instruction = 'instruction' in element ? element.instruction : element.stage.from;
        if (instruction !== undefined) {
          if (instruction.argumentsRange !== null && element.kind !== 'keyword') chain.push(instruction.argumentsRange);
          chain.push(instruction.range);
        }
      }
    }
    const stage = model.stageAt(position.line);
    if (stage !== undefined && rangeContains(stage.range, position)) chain.push(stage.range);
    chain.push({ start: { line: 0, character: 0 }, end: model.lines.endPosition() });
    return nest(chain, position);
  });
}

/** Each range must contain the one before it: drop any that would break the nesting or repeat it. */
function nest(chain: readonly Range[], position: Position): SelectionRange {
  const kept: Range[] = [];
  for (const range of chain) {
    const inner = kept[kept.length - 1];
    if (inner !== undefined && !(comparePositions(range.start, inner.start) <= 0 && comparePositions(inner.end, range.end) <= 0)) continue;
    if (inner !== undefined && comparePositions(range.start, inner.start) === 0 && comparePositions(range.end, inner.end) === 0) continue;
    kept.push(range);
  }
  let result: SelectionRange | undefined;
  for (let i = kept.length - 1; i >= 0; i--) {
    const range = kept[i];
    if (range !== undefined) result = result === undefined ? { range } : { range, parent: result };
  }
  return result ?? { range: { start: position, end: position } };
}
