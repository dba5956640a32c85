import * as path from 'node:path';
import type { DockerfileModel, InstructionModel } from '../../model';
import { INSTRUCTION_DOCS, referenceLink } from '../../reference/docs';
import { inlineCode, line } from './markdown';

/** Later instructions in the stage that change files under a volume path: their changes are discarded. */
function laterWrites(model: DockerfileModel, volume: InstructionModel, target: string): InstructionModel[] {
  const stage = model.stages[volume.stageIndex];
  if (stage === undefined) return [];
  const within = (candidate: string): boolean => {
    const normalized = path.posix.normalize(candidate);
    return normalized === target || normalized.startsWith(`${target.replace(/\/$/, '')}/`);
  };
  return stage.instructions.filter((instruction) => {
    if (instruction.index <= volume.index) return false;
    if (instruction.keyword === 'COPY' || instruction.keyword === 'ADD') {
      const destination = instruction.args.at(-1)?.value;
      return destination !== undefined && within(destination);
    }
    return instruction.keyword === 'RUN' && instruction.argumentsText.includes(target);
  });
}

export function volumeHover(model: DockerfileModel, instruction: InstructionModel): string {
  const stage = model.stages[instruction.stageIndex];
  const targets = stage?.runtime.volumes.filter((v) => v.instruction === instruction).map((v) => v.value) ?? [];
  const example = targets[0] ?? '/data';
  const sections = [
    `**VOLUME** ${targets.map(inlineCode).join(', ')}`,
    `At run time Docker mounts something at ${targets.length === 1 ? inlineCode(example) : 'each of these paths'}: **an anonymous volume** (a generated name, listed by \`docker volume ls\`, kept after the container is removed unless you use \`docker run --rm\`) unless you mount something there yourself:`,
    [
      `- a host folder (bind mount): \`docker run -v "$PWD/data:${example}" IMAGE\` or \`docker run --mount type=bind,source="$PWD/data",target=${example} IMAGE\` (add \`:ro\` / \`,readonly\` to share read-only)`,
      `- a named volume: \`docker run -v mydata:${example} IMAGE\``,
      `- see where it went: \`docker inspect CONTAINER\` → \`Mounts\` (Type, Name, Source, Destination, RW)`,
    ].join('\n'),
  ];
  for (const target of targets) {
    const writes = laterWrites(model, instruction, target);
    if (writes.length > 0) {
      sections.push(`⚠️ Build steps after this VOLUME that change ${inlineCode(target)} are discarded: ${writes.map((w) => `${w.keyword} on ${line(w.range.start.line)}`).join(', ')}. Move them above the VOLUME.`);
    }
  }
  const doc = INSTRUCTION_DOCS['VOLUME'];
  if (doc !== undefined) sections.push(`[Dockerfile reference](${referenceLink(doc.link)})`);
  return sections.join('\n\n');
}
