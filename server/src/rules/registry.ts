import type { Rule } from './rule';
import { consistentInstructionCasing, fromAsCasing, stageNameCasing } from './buildkit/casing';
import { noEmptyContinuation } from './buildkit/continuation';
import { copyIgnoredFile } from './buildkit/context';
import { invalidDefinitionDescription } from './buildkit/descriptions';
import { undefinedVar } from './buildkit/variables';
import { dl3002, dl3006, dl3007, dl3020, dl3021, dl3044, dl3045, dl3059, dl4001 } from './hadolint/images';
import {
  dl3003, dl3004, dl3008, dl3009, dl3013, dl3014, dl3015, dl3016, dl3018, dl3019, dl3027, dl3028, dl3030, dl3034, dl3038, dl3042, dl3047, dl3060,
  dl3062, dl4005, dl4006,
} from './hadolint/packages';
import {
  copyAllBeforeInstall, packageUpgradeInImage, remoteAddWithoutChecksum, secretFileCopied, toolchainInFinalStage, volumeChangesDiscarded,
} from './practice/rules';
import { exposeInvalidFormat, exposeProtoCasing } from './buildkit/expose';
import { jsonArgsRecommended } from './buildkit/jsonArgs';
import { legacyKeyValueFormat, maintainerDeprecated, secretsUsedInArgOrEnv, workdirRelativePath } from './buildkit/instructions';
import {
  fromPlatformFlagConstDisallowed, invalidDefaultArgInFrom, redundantTargetPlatform, reservedStageName, undefinedArgInFrom,
} from './buildkit/stages';
import { execFormVariable, multipleInstructionsDisallowed, shellFormEntrypoint } from './runtime/commands';
import { duplicateDirective, invalidCheckDirective, invalidEscapeDirective } from './syntax/directives';
import { invalidExposePort } from './syntax/expose';
import { emptyPlatform, invalidImageReference, variableInCopyFrom } from './syntax/references';
import { requiredBuildArg, requiredVariableUnset } from './syntax/required';
import { duplicateFlag, invalidFlagValue, unknownFlag } from './syntax/flags';
import { invalidJsonForm } from './syntax/forms';
import { detachedHeredoc, unterminatedHeredoc } from './syntax/heredocs';
import {
  emptyCommand, invalidFromArguments, invalidHealthcheck, invalidKeyValue, invalidOnbuildTrigger, missingArguments,
  shellRequiresJson, unknownInstruction,
} from './syntax/instructions';
import {
  duplicateStageName, imageLooksLikeStage, instructionBeforeFrom, invalidStageName, noFromInstruction, unknownStageReference,
} from './syntax/stages';

/** Every rule Stagecraft runs, in the order their problems are listed for one line. */
export const ALL_RULES: readonly Rule[] = [
  // What the builder rejects before it runs anything.
  unknownInstruction, detachedHeredoc, unterminatedHeredoc, invalidEscapeDirective, duplicateDirective, invalidCheckDirective,
  noFromInstruction, instructionBeforeFrom, missingArguments, invalidFromArguments, invalidKeyValue, shellRequiresJson,
  invalidHealthcheck, invalidOnbuildTrigger, unknownFlag, duplicateFlag, invalidFlagValue, invalidStageName,
  unknownStageReference, invalidExposePort, invalidImageReference, variableInCopyFrom, emptyPlatform, requiredVariableUnset, requiredBuildArg,
  // Accepted by the builder, but not what the author meant.
  invalidJsonForm, emptyCommand, duplicateStageName, imageLooksLikeStage,
  // What the container will do at run time.
  shellFormEntrypoint, multipleInstructionsDisallowed, execFormVariable,
  // BuildKit's build checks, under their BuildKit names.
  stageNameCasing, fromAsCasing, consistentInstructionCasing, reservedStageName, undefinedArgInFrom, invalidDefaultArgInFrom,
  redundantTargetPlatform, fromPlatformFlagConstDisallowed, maintainerDeprecated, workdirRelativePath, legacyKeyValueFormat,
  secretsUsedInArgOrEnv, exposeProtoCasing, exposeInvalidFormat, noEmptyContinuation, jsonArgsRecommended,
  undefinedVar, copyIgnoredFile, invalidDefinitionDescription,
  // Stagecraft's own: mistakes none of the others catch.
  copyAllBeforeInstall, secretFileCopied, packageUpgradeInImage, remoteAddWithoutChecksum, volumeChangesDiscarded, toolchainInFinalStage,
  // hadolint's rules that catch real bugs and bloat, under their DL ids.
  dl3002, dl3003, dl3004, dl3006, dl3007, dl3008, dl3009, dl3013, dl3014, dl3015, dl3016, dl3018, dl3019, dl3020, dl3021, dl3027,
  dl3028, dl3030, dl3034, dl3038, dl3042, dl3044, dl3045, dl3047, dl3059, dl3060, dl3062, dl4001, dl4005, dl4006,
];

const byId: ReadonlyMap<string, Rule> = new Map(ALL_RULES.map((rule) => [rule.id, rule]));

export function ruleById(id: string): Rule | undefined {
  return byId.get(id);
}
