import { l10n } from '../../locale/l10n';
import type { DockerfileModel, FlagModel, InstructionModel, StageModel } from '../../model';
import type { Finding, Rule } from '../rule';
import { stagesToCheck } from '../rule';
import { closest, quoteList } from '../walk';
import { STAGE_NAME } from '../../reference/instructions';
import { stageReferencesOf } from '../../model/symbols';
import { objectCache } from '../../model/objectCache';

export const invalidStageName: Rule = {
  id: 'InvalidStageName',
  defaultSeverity: 'error',
  perStage: true,
  get summary() { return l10n.t('Stage names start with a letter and contain only letters, digits, `-`, `_` and `.`.'); },
  check(model, context) {
    const found: Finding[] = [];
    for (const stage of stagesToCheck(model, context)) {
      const token = stage.nameToken;
      if (token === undefined) continue;
      // Stage names are not expanded: `AS $NAME` is refused whatever the build args.
      if (!STAGE_NAME.test(token.value.toLowerCase())) {
        found.push({
          range: token.range,
          message: l10n.t`Invalid stage name \`${token.value}\`: it must start with a letter and contain only letters, digits, \`-\`, \`_\` and \`.\`.`,
        });
      }
    }
    return found;
  },
};

export const duplicateStageName: Rule = {
  id: 'DuplicateStageName',
  defaultSeverity: 'warning',
  buildkit: true,
  perStage: true,
  quotesLines: true,
  get summary() { return l10n.t('Two stages share a name; references resolve to the later one.'); },
  check(model, context) {
    const found: Finding[] = [];
    for (const stage of stagesToCheck(model, context)) {
      if (stage.name === undefined || stage.nameToken === undefined) continue;
      // The first stage of that name (the table of stages is what a per-stage rule may read besides its own stage).
      const earlier = model.stagesNamed(stage.name)[0];
      if (earlier === undefined || earlier === stage) continue;
      found.push({
        range: stage.nameToken.range,
        message: l10n.t`Stage name \`${stage.nameToken.value}\` is already used by stage ${earlier.index} (line ${earlier.from.range.start.line + 1}); stage names should be unique.`,
      });
    }
    return found;
  },
};

export const noFromInstruction: Rule = {
  id: 'NoFromInstruction',
  defaultSeverity: 'error',
  get summary() { return l10n.t('A Dockerfile needs at least one FROM.'); },
  check(model) {
    const found: Finding[] = [];
    const first = model.instructions[0];
    if (first === undefined || model.stages.length > 0) return found;
    found.push({ range: first.range, message: l10n.t('This Dockerfile has no `FROM`: every build starts from a base image (`FROM <image>` or `FROM scratch`).') });
    return found;
  },
};

export const instructionBeforeFrom: Rule = {
  id: 'InstructionBeforeFrom',
  defaultSeverity: 'error',
  get summary() { return l10n.t('Only ARG may come before the first FROM.'); },
  check(model) {
    const found: Finding[] = [];
    if (model.stages.length === 0) return found;
    for (const instruction of model.instructions) {
      if (instruction.stageIndex >= 0) break;
      if (instruction.keyword === 'ARG') continue;
      found.push({ range: instruction.keywordRange, message: l10n.t`\`${instruction.keyword}\` comes before the first \`FROM\`; only \`ARG\` may appear there.` });
    }
    return found;
  },
};

type ReferenceVerdict = { readonly kind: 'broken' | 'suspicious'; readonly finding: Finding };

/** Per model: a stage object can be reused by the next version, whose other stages (and verdicts) differ. */
const verdicts = objectCache<DockerfileModel, Map<StageModel, readonly ReferenceVerdict[]>>('stage reference verdicts');

/** The stage references of each stage, judged once per stage of a model; two rules report the two kinds. */
function judgeStageReferences(model: DockerfileModel, stages: readonly StageModel[]): ReferenceVerdict[] {
  const found: ReferenceVerdict[] = [];
  let byStage = verdicts.get(model);
  if (byStage === undefined) verdicts.set(model, (byStage = new Map()));
  for (const stage of stages) {
    let judged = byStage.get(stage);
    if (judged === undefined) byStage.set(stage, (judged = [...judgeStage(model, stage)]));
    found.push(...judged);
  }
  return found;
}

function judgeStage(model: DockerfileModel, stage: StageModel): ReferenceVerdict[] {
  const found: ReferenceVerdict[] = [];
  found.push(...checkFromLine(model, stage));
  for (const instruction of stage.instructions) {
    for (const reference of stageReferencesOf(instruction)) found.push(...checkReference(model, stage, instruction, reference.value, reference.range));
  }
  return found;
}

export const unknownStageReference: Rule = {
  id: 'UnknownStageReference',
  aliases: ['DL3023'],
  defaultSeverity: 'error',
  perStage: true,
  get summary() { return l10n.t('`--from` or `--mount from=` names a stage index that does not exist, or the stage itself.'); },
  check(model, context) {
    const found: Finding[] = [];
    for (const verdict of judgeStageReferences(model, stagesToCheck(model, context))) if (verdict.kind === 'broken') found.push(verdict.finding);
    return found;
  },
};

export const imageLooksLikeStage: Rule = {
  id: 'ImageLooksLikeStage',
  aliases: ['DL3022'],
  defaultSeverity: 'warning',
  perStage: true,
  get summary() { return l10n.t('A name that will be pulled as an image but looks like a stage of this file (a typo, or a stage defined later).'); },
  check(model, context) {
    const found: Finding[] = [];
    for (const verdict of judgeStageReferences(model, stagesToCheck(model, context))) if (verdict.kind === 'suspicious') found.push(verdict.finding);
    return found;
  },
};

/** How many stages a message lists: a file of hundreds of stages made each such message a page long. */
const LISTED_STAGES = 10;

function stageNames(model: DockerfileModel): string {
  const names = model.stages.slice(0, LISTED_STAGES).map((s) => (s.nameToken ? `${s.index} (${s.nameToken.value})` : `${s.index}`));
  if (names.length === 0) return 'none';
  const more = model.stages.length - names.length;
  return more > 0 ? l10n.t`${quoteList(names)} and ${more} more` : quoteList(names);
}

function checkFromLine(model: DockerfileModel, stage: StageModel): ReferenceVerdict[] {
  const found: ReferenceVerdict[] = [];
  if (stage.parentStageIndex !== undefined || stage.baseRange === undefined || !stage.base.exact) return found;
  const later = model.stagesNamed(stage.base.text).find((s) => s.index >= stage.index);
  if (later === undefined) return found;
  found.push(suspicious({
    range: stage.baseRange,
    message: later.index === stage.index
      ? l10n.t`Stage \`${stage.base.text}\` cannot be built from itself; \`FROM\` will look for an image of that name instead.`
      : l10n.t`\`${stage.base.text}\` is defined later (stage ${later.index}, further down): \`FROM\` only sees earlier stages, so this pulls an image named \`${stage.base.text}\`. Move the stage above this line.`,
  }));
  return found;
}

const broken = (finding: Finding): ReferenceVerdict => ({ kind: 'broken', finding });
const suspicious = (finding: Finding): ReferenceVerdict => ({ kind: 'suspicious', finding });

function checkReference(
  model: DockerfileModel,
  stage: StageModel,
  instruction: InstructionModel,
  reference: FlagModel['value'],
  range: FlagModel['range'],
): ReferenceVerdict[] {
  const found: ReferenceVerdict[] = [];
  if (reference === null || reference === '' || reference.includes('$')) return found;
  if (/^\d+$/.test(reference)) {
    const index = Number(reference);
    if (index >= model.stages.length) {
      found.push(broken({ range, message: l10n.t`There is no stage ${index}; this file has ${model.stages.length} stage(s): ${stageNames(model)}.` }));
    } else if (index === stage.index) {
      found.push(broken({ range, message: l10n.t`Stage ${index} is the stage this ${instruction.keyword} is in: a stage cannot copy from itself.` }));
    }
    return found;
  }
  const target = model.stageByReference(reference);
  if (target !== undefined) {
    if (target.index === stage.index) {
      found.push(broken({ range, message: l10n.t`\`${reference}\` is the stage this ${instruction.keyword} is in: a stage cannot copy from itself (circular dependency).` }));
    }
    return found;
  }
  // Not a stage: the builder pulls an image of that name. Only a near-miss of a stage name is worth a word.
  if (/[:/@.]/.test(reference)) return found;
  const names = model.stages.flatMap((s) => (s.nameToken ? [s.nameToken.value] : []));
  const suggestion = names.find((name) => name.toLowerCase().endsWith(`-${reference.toLowerCase()}`)) ?? closest(reference, names);
  if (suggestion === undefined) return found;
  found.push(suspicious({
    range,
    message: l10n.t`No stage is named \`${reference}\`, so it will be pulled as an image. Did you mean the stage \`${suggestion}\`? Stages: ${stageNames(model)}.`,
    fixes: [{ title: l10n.t`Change to ${suggestion}`, edits: [{ range, newText: suggestion }] }],
  }));
  return found;
}
