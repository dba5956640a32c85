import { LineIndex } from '../../server/src/model/lines';
import { parseSegmented } from '../../server/src/model/segments';
import type { SegmentCache } from '../../server/src/model/segments';
import type { InstructionModel } from '../../server/src/model';

/** Everything the model holds of an instruction, as plain data (the lazy variable references included). */
export function lifted(instruction: InstructionModel): unknown {
  return {
    index: instruction.index, keyword: instruction.keyword, keywordText: instruction.keywordText, keywordRange: instruction.keywordRange,
    range: instruction.range, stageIndex: instruction.stageIndex, flags: instruction.flags, args: instruction.args,
    argumentsText: instruction.argumentsText, argumentsRange: instruction.argumentsRange, command: instruction.command,
    heredocs: instruction.heredocs, detachedHeredocs: instruction.detachedHeredocs, properties: instruction.properties,
    variables: instruction.variables, trigger: instruction.trigger === undefined ? undefined : lifted(instruction.trigger),
  };
}

/** A text's directives, comments and instructions as plain data, read in segments of `segmentLines` lines. */
export function parsedText(text: string, segmentLines: number, cache?: SegmentCache, readPlainLines = true): unknown {
  const result = parseSegmented(text, new LineIndex(text), cache, segmentLines, readPlainLines);
  return { escapeChar: result.escapeChar, directives: result.directives, comments: result.comments, instructions: result.instructions.map(lifted) };
}

/** The parser reading the whole file, every line (no plain lines read by the model itself): the reference. */
export const wholeParse = (text: string): unknown => parsedText(text, Number.MAX_SAFE_INTEGER, undefined, false);
