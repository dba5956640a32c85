import { l10n } from '../../locale/l10n';
import type { DockerfileModel, InstructionModel } from '../../model';
import { writesAfterVolume } from '../../model/volumes';
import { INSTRUCTION_DOCS, referenceLink } from '../../reference/docs';
import { inlineCode, line } from './markdown';

export function volumeHover(model: DockerfileModel, instruction: InstructionModel): string {
  const stage = model.stages[instruction.stageIndex];
  const targets = stage?.runtime.volumes.filter((v) => v.instruction === instruction).map((v) => v.value) ?? [];
  const example = targets[0] ?? '/data';
  const sections = [
    `**VOLUME** ${targets.map(inlineCode).join(', ')}`,
    l10n.t`At run time Docker mounts something at ${targets.length === 1 ? inlineCode(example) : l10n.t('each of these paths')}: **an anonymous volume** (a generated name, listed by \`docker volume ls\`, kept after the container is removed unless you use \`docker run --rm\`) unless you mount something there yourself:`,
    [
      l10n.t`- a host folder (bind mount): \`docker run -v "$PWD/data:${example}" IMAGE\` or \`docker run --mount type=bind,source="$PWD/data",target=${example} IMAGE\` (add \`:ro\` / \`,readonly\` to share read-only)`,
      l10n.t`- a named volume: \`docker run -v mydata:${example} IMAGE\``,
      l10n.t`- see where it went: \`docker inspect CONTAINER\` → \`Mounts\` (Type, Name, Source, Destination, RW)`,
    ].join('\n'),
  ];
  for (const target of targets) {
    const writes = writesAfterVolume(model, instruction, target);
    if (writes.length > 0) {
      sections.push(l10n.t`⚠️ Build steps after this VOLUME that change ${inlineCode(target)} are discarded: ${writes.map((w) => `${w.keyword} on ${line(w.range.start.line)}`).join(', ')}. Move them above the VOLUME.`);
    }
  }
  const doc = INSTRUCTION_DOCS['VOLUME'];
  if (doc !== undefined) sections.push(l10n.t`[Dockerfile reference](${referenceLink(doc.link)})`);
  return sections.join('\n\n');
}
