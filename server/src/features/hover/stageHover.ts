import { l10n } from '../../locale/l10n';
import type { DockerfileModel, StageModel } from '../../model';
import { stageReferencesOf } from '../../model/symbols';
import { inlineCode, line } from './markdown';
import { stageLabel } from './commandHover';

/** Where each stage is used: FROM children, COPY --from and RUN --mount from=. */
function usesOf(model: DockerfileModel, stage: StageModel): string[] {
  const uses: string[] = [];
  for (const other of model.stages) {
    if (other.parentStageIndex === stage.index) uses.push(`FROM on ${line(other.from.range.start.line)}`);
    for (const instruction of other.instructions) {
      for (const reference of stageReferencesOf(instruction)) {
        if (model.stageByReference(reference.value) === stage) {
          uses.push(`${instruction.keyword} --${instruction.keyword === 'RUN' ? 'mount' : 'from'} on ${line(instruction.range.start.line)}`);
        }
      }
    }
  }
  return uses;
}

export function stageSummary(model: DockerfileModel, stage: StageModel): string {
  const parent = stage.parentStageIndex === undefined ? undefined : model.stages[stage.parentStageIndex];
  const base = parent !== undefined ? `stage ${stageLabel(parent)}` : inlineCode(stage.base.text);
  const uses = usesOf(model, stage);
  return [
    l10n.t`**Stage ${stageLabel(stage)}** — FROM ${base} (${line(stage.from.range.start.line)})${stage.index === model.stages.length - 1 ? l10n.t(', the final stage') : ''}`,
    uses.length > 0 ? l10n.t`Used by: ${uses.join(', ')}.` : stage.index === model.stages.length - 1 ? '' : l10n.t('Not used by any other stage: built only with `--target`.'),
  ].filter(Boolean).join('\n\n');
}

export function baseImageHover(model: DockerfileModel, stage: StageModel): string {
  const parent = stage.parentStageIndex === undefined ? undefined : model.stages[stage.parentStageIndex];
  if (parent !== undefined) return l10n.t`Builds on ${stageSummary(model, parent)}`;
  const ref = stage.baseImage;
  if (ref === undefined) return '';
  if (ref.isScratch) return l10n.t('**scratch** — an empty image: no shell, no libc, no files. The stage starts from nothing; ideal for static binaries.');
  const official = ref.registry === undefined && !ref.repository.includes('/');
  const rows = [
    l10n.t`| registry | ${ref.registry === undefined ? l10n.t('Docker Hub (`docker.io`)') : inlineCode(ref.registry)} |`,
    l10n.t`| repository | ${inlineCode(official ? `library/${ref.repository}` : ref.repository)}${official ? l10n.t(' (official image)') : ''} |`,
    l10n.t`| tag | ${ref.tag === undefined ? (ref.digest === undefined ? l10n.t('`latest` (implicit — pin a version)') : '—') : inlineCode(ref.tag)} |`,
    l10n.t`| digest | ${ref.digest === undefined ? '—' : inlineCode(ref.digest)} |`,
  ];
  const sections = [l10n.t`**Base image** ${inlineCode(stage.base.text)}`, `| | |\n|---|---|\n${rows.join('\n')}`];
  if (stage.baseText !== stage.base.text || !stage.base.exact) {
    sections.push(l10n.t`Written ${inlineCode(stage.baseText)}${stage.base.exact ? '' : l10n.t('; part of it is set only with `--build-arg`')}.`);
  }
  if (stage.platform !== undefined) sections.push(l10n.t`Platform: ${inlineCode(stage.platform.value ?? '')}`);
  return sections.join('\n\n');
}

export function fromReferenceHover(model: DockerfileModel, reference: string): string {
  const stage = model.stageByReference(reference);
  if (stage !== undefined) return stageSummary(model, stage);
  if (/^\d+$/.test(reference)) return l10n.t`There is no stage ${reference}; this file has ${model.stages.length}.`;
  return l10n.t`${inlineCode(reference)} is not a stage of this file, so it is pulled as an image.`;
}
