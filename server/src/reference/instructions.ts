/**
 * What the Dockerfile reference says about each instruction: the facts the model and the rules check
 * against. Kept as data so diagnostics, hovers and completion agree.
 */

export const INSTRUCTION_KEYWORDS = [
  'ADD', 'ARG', 'CMD', 'COPY', 'ENTRYPOINT', 'ENV', 'EXPOSE', 'FROM', 'HEALTHCHECK', 'LABEL',
  'MAINTAINER', 'ONBUILD', 'RUN', 'SHELL', 'STOPSIGNAL', 'USER', 'VOLUME', 'WORKDIR',
] as const;

export type InstructionKeyword = (typeof INSTRUCTION_KEYWORDS)[number];

const keywordSet: ReadonlySet<string> = new Set(INSTRUCTION_KEYWORDS);

export function isInstructionKeyword(word: string): word is InstructionKeyword {
  return keywordSet.has(word);
}

/** How the builder splits an instruction's arguments; decides what "too many arguments" means. */
export type ArgumentShape =
  | 'words' // whitespace-separated words
  | 'string' // the whole rest of the line is one value (WORKDIR, USER, ...)
  | 'json-or-shell' // exec form JSON array, or shell form string
  | 'json-or-list' // JSON array, or whitespace-separated list (COPY, ADD, VOLUME)
  | 'json-only' // SHELL
  | 'key-value'; // ENV, LABEL, ARG

export interface FlagSpec {
  readonly name: string;
  /** 'boolean' flags may be given bare (`--link`) or as `--link=true|false`. */
  readonly kind: 'boolean' | 'string' | 'duration' | 'integer';
  readonly repeatable?: boolean;
  /** Only in the labs channel of the Dockerfile frontend (`# syntax=docker/dockerfile:1-labs`). */
  readonly labs?: boolean;
}

export interface InstructionSpec {
  readonly keyword: InstructionKeyword;
  readonly shape: ArgumentShape;
  readonly minArgs: number;
  /** Undefined when there is no maximum. */
  readonly maxArgs?: number;
  readonly flags: readonly FlagSpec[];
  /** Whether the builder substitutes `$VAR` in the arguments (others leave them to the shell or not at all). */
  readonly expandsVariables: boolean;
  readonly supportsHeredoc: boolean;
  readonly referenceAnchor: string;
}

const chown: FlagSpec = { name: 'chown', kind: 'string' };
const chmod: FlagSpec = { name: 'chmod', kind: 'string' };
const link: FlagSpec = { name: 'link', kind: 'boolean' };
const exclude: FlagSpec = { name: 'exclude', kind: 'string', repeatable: true };

const specs: readonly InstructionSpec[] = [
  {
    keyword: 'ADD', shape: 'json-or-list', minArgs: 2, expandsVariables: true, supportsHeredoc: true, referenceAnchor: 'add',
    flags: [chown, chmod, link, exclude, { name: 'checksum', kind: 'string' }, { name: 'keep-git-dir', kind: 'boolean' },
      { name: 'unpack', kind: 'boolean' }],
  },
  { keyword: 'ARG', shape: 'key-value', minArgs: 1, flags: [], expandsVariables: true, supportsHeredoc: false, referenceAnchor: 'arg' },
  { keyword: 'CMD', shape: 'json-or-shell', minArgs: 0, flags: [], expandsVariables: false, supportsHeredoc: false, referenceAnchor: 'cmd' },
  {
    keyword: 'COPY', shape: 'json-or-list', minArgs: 2, expandsVariables: true, supportsHeredoc: true, referenceAnchor: 'copy',
    flags: [{ name: 'from', kind: 'string' }, chown, chmod, link, exclude, { name: 'parents', kind: 'boolean' }],
  },
  { keyword: 'ENTRYPOINT', shape: 'json-or-shell', minArgs: 0, flags: [], expandsVariables: false, supportsHeredoc: false, referenceAnchor: 'entrypoint' },
  { keyword: 'ENV', shape: 'key-value', minArgs: 1, flags: [], expandsVariables: true, supportsHeredoc: false, referenceAnchor: 'env' },
  { keyword: 'EXPOSE', shape: 'words', minArgs: 1, flags: [], expandsVariables: true, supportsHeredoc: false, referenceAnchor: 'expose' },
  {
    keyword: 'FROM', shape: 'words', minArgs: 1, maxArgs: 3, expandsVariables: true, supportsHeredoc: false, referenceAnchor: 'from',
    flags: [{ name: 'platform', kind: 'string' }],
  },
  {
    keyword: 'HEALTHCHECK', shape: 'json-or-shell', minArgs: 1, expandsVariables: false, supportsHeredoc: false, referenceAnchor: 'healthcheck',
    flags: [
      { name: 'interval', kind: 'duration' }, { name: 'timeout', kind: 'duration' }, { name: 'start-period', kind: 'duration' },
      { name: 'start-interval', kind: 'duration' }, { name: 'retries', kind: 'integer' },
    ],
  },
  { keyword: 'LABEL', shape: 'key-value', minArgs: 1, flags: [], expandsVariables: true, supportsHeredoc: false, referenceAnchor: 'label' },
  { keyword: 'MAINTAINER', shape: 'string', minArgs: 1, flags: [], expandsVariables: false, supportsHeredoc: false, referenceAnchor: 'maintainer-deprecated' },
  { keyword: 'ONBUILD', shape: 'string', minArgs: 1, flags: [], expandsVariables: false, supportsHeredoc: false, referenceAnchor: 'onbuild' },
  {
    keyword: 'RUN', shape: 'json-or-shell', minArgs: 1, expandsVariables: false, supportsHeredoc: true, referenceAnchor: 'run',
    flags: [
      { name: 'mount', kind: 'string', repeatable: true }, { name: 'network', kind: 'string' }, { name: 'security', kind: 'string', labs: true },
      { name: 'device', kind: 'string', repeatable: true, labs: true },
    ],
  },
  { keyword: 'SHELL', shape: 'json-only', minArgs: 1, flags: [], expandsVariables: false, supportsHeredoc: false, referenceAnchor: 'shell' },
  { keyword: 'STOPSIGNAL', shape: 'string', minArgs: 1, flags: [], expandsVariables: true, supportsHeredoc: false, referenceAnchor: 'stopsignal' },
  { keyword: 'USER', shape: 'string', minArgs: 1, flags: [], expandsVariables: true, supportsHeredoc: false, referenceAnchor: 'user' },
  { keyword: 'VOLUME', shape: 'json-or-list', minArgs: 1, flags: [], expandsVariables: true, supportsHeredoc: false, referenceAnchor: 'volume' },
  { keyword: 'WORKDIR', shape: 'string', minArgs: 1, flags: [], expandsVariables: true, supportsHeredoc: false, referenceAnchor: 'workdir' },
];

const specByKeyword: ReadonlyMap<string, InstructionSpec> = new Map(specs.map((spec) => [spec.keyword, spec]));

export function instructionSpec(keyword: string): InstructionSpec | undefined {
  return specByKeyword.get(keyword.toUpperCase());
}

export const DOCKERFILE_REFERENCE_URL = 'https://docs.docker.com/reference/dockerfile/';

export function referenceUrl(spec: InstructionSpec): string {
  return `${DOCKERFILE_REFERENCE_URL}#${spec.referenceAnchor}`;
}

/** BuildKit's stage-name grammar, for the lower-cased name (stage names compare case-insensitively). */
export const STAGE_NAME = /^[a-z][a-z0-9-_.]*$/;

/** Instructions that ONBUILD may not carry (the builder rejects them). */
export const FORBIDDEN_ONBUILD_TRIGGERS: ReadonlySet<string> = new Set(['ONBUILD', 'FROM', 'MAINTAINER']);
