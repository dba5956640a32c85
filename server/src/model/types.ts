import type { Range } from './positions';
import type { ImageReference } from './imageRef';
import type { LineIndex } from './lines';

export type CommandForm = 'exec' | 'shell';

export interface Token {
  readonly value: string;
  readonly range: Range;
}

export interface FlagOptionModel {
  readonly name: string;
  readonly value: string | null;
  readonly range: Range;
  readonly valueRange: Range | null;
}

export interface FlagModel {
  readonly name: string;
  /** null for a bare flag (`--link`). */
  readonly value: string | null;
  readonly range: Range;
  readonly nameRange: Range;
  readonly valueRange: Range | null;
  readonly options: readonly FlagOptionModel[];
}

export interface HeredocModel {
  readonly name: string;
  /** The `<<EOF` word on the instruction line. */
  readonly range: Range;
  readonly nameRange: Range;
  /** Body lines, null when the body is empty. */
  readonly contentRange: Range | null;
  /** The terminating line, null when the heredoc is never terminated. */
  readonly terminatorRange: Range | null;
  /** `<<-` strips leading tabs from the body. */
  readonly stripsTabs: boolean;
  /** `<<"EOF"`/`<<'EOF'` disable expansion inside the body. */
  readonly quoted: boolean;
}

/** `<< 'EOF'`: a heredoc operator separated from its word, which the builder does not treat as a heredoc. */
export interface DetachedHeredoc {
  readonly operatorRange: Range;
  readonly delimiter: string;
  /** The lines that were meant as the body, through the terminator if there is one. */
  readonly bodyRange: Range;
}

export interface KeyValue {
  readonly name: string;
  readonly nameRange: Range;
  /** undefined: no value given (`ARG NAME`). */
  readonly value: string | undefined;
  readonly valueRange: Range | undefined;
  readonly range: Range;
  /** True for `ENV key value` / `LABEL key value` without `=`. */
  readonly legacySpaceForm: boolean;
}

/** `$NAME` or `${NAME...}` as written in an instruction. */
export interface VariableReference {
  readonly name: string;
  readonly range: Range;
  readonly nameRange: Range;
  /** `-`, `+`, `?` (with or without `:`, as dockerfile-ast reports it), or null for a plain reference. */
  readonly modifier: string | null;
  readonly modifierArgument: string | null;
}

/** How a RUN/CMD/ENTRYPOINT/SHELL/HEALTHCHECK line gives its command. */
export interface CommandModel {
  readonly form: CommandForm;
  /** exec form: the JSON strings. */
  readonly argv: readonly string[];
  /** shell form: the string handed to the shell (line continuations removed). */
  readonly script: string;
  /** Starts with `[` but is not a JSON array of strings: the builder runs it as shell form. */
  readonly invalidJson: boolean;
  readonly range: Range | null;
}

export interface InstructionModel {
  /** Position in `DockerfileModel.instructions`. */
  readonly index: number;
  /** Upper-cased keyword. */
  readonly keyword: string;
  /** The keyword as written (casing kept). */
  readonly keywordText: string;
  readonly keywordRange: Range;
  readonly range: Range;
  /** -1 for instructions before the first FROM. */
  readonly stageIndex: number;
  readonly flags: readonly FlagModel[];
  /** Arguments after the flags, split on whitespace as written (heredoc bodies excluded). */
  readonly args: readonly Token[];
  /** The arguments as one logical line: flags removed, line continuations joined. */
  readonly argumentsText: string;
  readonly argumentsRange: Range | null;
  readonly command: CommandModel | undefined;
  readonly heredocs: readonly HeredocModel[];
  readonly detachedHeredocs: readonly DetachedHeredoc[];
  /** ARG/ENV/LABEL pairs. */
  readonly properties: readonly KeyValue[];
  /** Variable references in the arguments, heredoc bodies included. */
  readonly variables: readonly VariableReference[];
  /** The instruction an ONBUILD carries. */
  readonly trigger: InstructionModel | undefined;
}

export type VariableKind = 'arg' | 'env' | 'predefined';

export interface VariableDefinition {
  readonly name: string;
  readonly kind: VariableKind;
  /** The value as written; undefined for `ARG NAME` with no default. */
  readonly rawValue: string | undefined;
  /** The value after substitution at the definition point; undefined when decided only at build time. */
  readonly value: string | undefined;
  /** Whether `--build-arg` can change it (ARG) or not (ENV). */
  readonly overridable: boolean;
  /** The ARG or ENV; undefined for predefined build args. */
  readonly instruction: InstructionModel | undefined;
  /** The instruction's index (it follows a renumbering); -1 for predefined build args. */
  readonly instructionIndex: number;
  /** The instruction's stage, -1 before the first FROM and for predefined build args. */
  readonly stageIndex: number;
  readonly nameRange: Range | undefined;
  /** For an in-stage `ARG NAME` that takes its default from a global ARG of the same name. */
  readonly globalDefinition: VariableDefinition | undefined;
}

export interface ParserDirectiveModel {
  readonly name: string;
  readonly value: string;
  readonly range: Range;
  readonly nameRange: Range;
  readonly valueRange: Range;
}

export interface CommentModel {
  readonly text: string;
  readonly range: Range;
}

export type RuntimeOrigin =
  | { readonly kind: 'scratch' }
  | { readonly kind: 'stage'; readonly stageIndex: number }
  | { readonly kind: 'image'; readonly image: string };

/** A setting of the image config as it stands at the end of a stage, and where it came from. */
export interface Setting<T> {
  readonly value: T;
  /** The instruction that set it; undefined when inherited from an earlier stage's instruction is resolved there. */
  readonly instruction: InstructionModel | undefined;
  /** Stage that set it (the current one, or a parent stage in the same file). */
  readonly stageIndex: number;
}

export interface CommandSetting {
  readonly form: CommandForm;
  /** What goes into the image config (`Config.Entrypoint` / `Config.Cmd`). */
  readonly argv: readonly string[];
  readonly instruction: InstructionModel;
  readonly stageIndex: number;
}

/**
 * The image config a stage produces. `known` is false for fields that an external base image may have set
 * and this stage does not set itself: those cannot be known without pulling the image.
 */
export interface RuntimeConfig {
  readonly origin: RuntimeOrigin;
  readonly entrypoint: KnownOrUnknown<CommandSetting | undefined>;
  readonly cmd: KnownOrUnknown<CommandSetting | undefined>;
  readonly shell: KnownOrUnknown<Setting<readonly string[]>>;
  readonly workdir: KnownOrUnknown<Setting<string> | undefined>;
  readonly user: KnownOrUnknown<Setting<string> | undefined>;
  readonly volumes: readonly Setting<string>[];
  readonly exposedPorts: readonly Setting<string>[];
  readonly env: ReadonlyMap<string, VariableDefinition>;
  readonly stopSignal: Setting<string> | undefined;
  readonly healthcheck: InstructionModel | undefined;
  readonly isWindows: boolean;
  /**
   * The working directory each instruction of the stage runs in (undefined: decided by an external base), by
   * its position in the stage — not its index, so a stage that is only renumbered keeps this list; read it
   * with `workdirOf`.
   */
  readonly workdirBefore: readonly (string | undefined)[];
  /** All ENTRYPOINT / CMD instructions of the stage in order (only the last of each counts). */
  readonly entrypointInstructions: readonly InstructionModel[];
  readonly cmdInstructions: readonly InstructionModel[];
}

export type KnownOrUnknown<T> = { readonly known: true; readonly value: T } | { readonly known: false };

export interface StageModel {
  readonly index: number;
  /** Lower-cased stage name (names are case-insensitive), undefined when unnamed. */
  readonly name: string | undefined;
  readonly nameToken: Token | undefined;
  readonly from: InstructionModel;
  /** The base as written (`golang:${GO_VERSION}`). */
  readonly baseText: string;
  readonly baseRange: Range | undefined;
  /** The base after substituting global ARGs; `exact` false when it depends on a build arg without default. */
  readonly base: { readonly text: string; readonly exact: boolean };
  readonly baseImage: ImageReference | undefined;
  /** When the base names an earlier stage. */
  readonly parentStageIndex: number | undefined;
  readonly platform: FlagModel | undefined;
  /** FROM plus every following instruction up to the next FROM. */
  readonly instructions: readonly InstructionModel[];
  readonly range: Range;
  readonly variables: readonly VariableDefinition[];
  readonly runtime: RuntimeConfig;
}

export interface DockerfileModel {
  readonly uri: string;
  readonly version: number;
  readonly text: string;
  readonly lines: LineIndex;
  readonly escapeChar: string;
  readonly directives: readonly ParserDirectiveModel[];
  readonly comments: readonly CommentModel[];
  readonly instructions: readonly InstructionModel[];
  readonly stages: readonly StageModel[];
  /** ARGs before the first FROM, plus the predefined platform args. */
  readonly globalVariables: readonly VariableDefinition[];
  /** True when the `syntax` directive selects the labs channel of the frontend. */
  readonly labsSyntax: boolean;
  stageAt(line: number): StageModel | undefined;
  /**
   * A stage by index or case-insensitive name among the stages before `beforeStage` (all by default).
   * A later duplicate name shadows an earlier one, as in BuildKit's stage table.
   */
  stageByReference(reference: string, beforeStage?: number): StageModel | undefined;
  /** Stages with this (case-insensitive) name, in file order; usually one, more when a name is reused. */
  stagesNamed(name: string): readonly StageModel[];
  /** The definition of `name` visible to the instruction at `instructionIndex` (ENV wins over ARG, as in Docker). */
  lookupVariable(name: string, instructionIndex: number): VariableDefinition | undefined;
  instructionAt(line: number): InstructionModel | undefined;
}
