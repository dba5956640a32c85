import type { Position, SignatureHelp } from 'vscode-languageserver';
import type { DockerfileModel, InstructionModel } from '../model';
import { comparePositions, rangeContains } from '../model';
import type { SignatureSpec } from '../reference/signatures';
import { SIGNATURES } from '../reference/signatures';

/** The forms of the instruction under the cursor, the one written selected, the parameter being typed marked. */
export function signatureHelp(model: DockerfileModel, position: Position): SignatureHelp | null {
  const outer = model.instructionAt(position.line);
  if (outer === undefined) return null;
  const instruction = outer.trigger !== undefined && comparePositions(outer.keywordRange.end, position) < 0 ? outer.trigger : outer;
  if (comparePositions(position, instruction.keywordRange.end) <= 0) return null;
  const specs = SIGNATURES[instruction.keyword];
  if (specs === undefined) return null;
  const active = activeSignature(model, instruction, specs);
  const spec = specs[active];
  return {
    signatures: specs.map((s) => ({ label: s.label, documentation: { kind: 'markdown', value: s.doc }, parameters: [...s.flags, ...s.params].map((label) => ({ label })) })),
    activeSignature: active,
    activeParameter: spec === undefined ? 0 : activeParameter(model, instruction, spec, position),
  };
}

function activeSignature(model: DockerfileModel, instruction: InstructionModel, specs: readonly SignatureSpec[]): number {
  const exec = instruction.argumentsText.trimStart().startsWith('[');
  if (instruction.keyword === 'CMD' && exec) {
    const stage = model.stages[instruction.stageIndex];
    const entrypoint = stage?.runtime.entrypoint;
    return entrypoint?.known === true && entrypoint.value?.form === 'exec' ? 1 : 0;
  }
  if (instruction.keyword === 'HEALTHCHECK') return instruction.args[0]?.value.toUpperCase() === 'NONE' ? 1 : 0;
  const index = specs.findIndex((s) => s.form === (exec ? 'exec' : 'shell'));
  return index >= 0 ? index : specs.findIndex((s) => s.form === 'any' || (!exec && s.form !== 'exec'));
}

function activeParameter(model: DockerfileModel, instruction: InstructionModel, spec: SignatureSpec, position: Position): number {
  const flag = instruction.flags.find((f) => rangeContains(f.range, position));
  if (flag !== undefined) {
    const index = spec.flags.findIndex((label) => label.startsWith(`[--${flag.name}`));
    if (index >= 0) return index;
  }
  const offset = spec.flags.length;
  const count = spec.params.length;
  if (spec.form === 'exec') {
    const before = instruction.argumentsRange === null ? '' : model.lines.slice(instruction.argumentsRange.start.line, instruction.argumentsRange.start.character, position.line, position.character);
    const commas = (before.match(/,/g) ?? []).length;
    const total = (instruction.argumentsText.match(/,/g) ?? []).length + 1;
    if (spec.mode === 'srcDest') return offset + (commas >= total - 1 && total > 1 ? 1 : 0);
    return offset + Math.min(commas, count - 1);
  }
  const before = instruction.args.filter((t) => comparePositions(t.range.start, position) < 0);
  const onToken = instruction.args.some((t) => rangeContains(t.range, position));
  const index = Math.max(0, before.length - (onToken ? 1 : 0));
  if (spec.mode === 'srcDest') {
    const isLast = onToken ? before.length === instruction.args.length : index >= 1;
    return offset + (isLast && instruction.args.length >= 1 ? 1 : 0);
  }
  if (instruction.keyword === 'FROM') return offset + (index === 0 ? 0 : 1);
  return offset + Math.min(index, count - 1);
}
