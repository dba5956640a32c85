import type { DockerfileModel } from '../model';

/**
 * What the file itself says about its checks: BuildKit's `# check=skip=A,B|all;error=true` directive, and
 * inline `# stagecraft ignore=ID[,ID]` / `# hadolint ignore=ID[,ID]` / `# shellcheck disable=SC2086[,…]`
 * comments, which silence the instruction that follows them (other comment lines may stand between).
 */
export interface Suppressions {
  readonly skippedBuildkit: ReadonlySet<string> | 'all';
  readonly buildkitAsErrors: boolean;
  /** BuildKit's experimental checks the directive turns on (`experimental=A,B|all`); they run even under skip=all. */
  readonly experimentalBuildkit: ReadonlySet<string> | 'all';
  /** Rule ids silenced per instruction start line. */
  readonly ignoredAt: ReadonlyMap<number, ReadonlySet<string>>;
}

export interface CheckDirective {
  readonly skip: ReadonlySet<string> | 'all';
  readonly error: boolean;
  readonly experimental: ReadonlySet<string> | 'all';
  /** Why BuildKit refuses the directive (and with it the whole build); undefined when it accepts it. */
  readonly invalid: string | undefined;
}

const BOOLEANS: Readonly<Record<string, boolean>> = {
  1: true, t: true, T: true, TRUE: true, true: true, True: true, 0: false, f: false, F: false, FALSE: false, false: false, False: false,
};

/**
 * `# check=` as BuildKit's frontend reads it (checked against Docker 28.5's): `;`-separated `key=value` parts,
 * keys exactly `skip`, `error` or `experimental` (case and spaces count), rule lists separated by `,`, `all`
 * in lower case only, `error` a Go boolean (`1`, `t`, `TRUE`, `false`, ...). An empty part, as after a final `;`,
 * is an invalid option.
 */
export function parseCheckDirective(value: string): CheckDirective {
  let skip: Set<string> | 'all' = new Set();
  let experimental: Set<string> | 'all' = new Set();
  let error = false;
  const list = (text: string): Set<string> | 'all' => (text.trim() === 'all' ? 'all' : new Set(text.split(',').map((name) => name.trim())));
  const trimmed = value.trim();
  if (trimmed === '') return { skip, error, experimental, invalid: undefined };
  for (const part of trimmed.split(';')) {
    const at = part.indexOf('=');
    const key = at < 0 ? part : part.slice(0, at);
    const text = at < 0 ? '' : part.slice(at + 1);
    if (at < 0 || !['skip', 'error', 'experimental'].includes(key)) return { skip, error, experimental, invalid: `invalid check option "${key.trim()}"` };
    if (key === 'skip') skip = list(text);
    else if (key === 'experimental') experimental = list(text);
    else {
      const parsed = BOOLEANS[text];
      if (parsed === undefined) return { skip, error, experimental, invalid: `failed to parse check option "${part}": invalid boolean "${text}"` };
      error = parsed;
    }
  }
  return { skip, error, experimental, invalid: undefined };
}

/**
 * The codes a `shellcheck disable=SC2086,2046` comment (its text after `#`) names, with their `SC` prefix (ShellCheck's
 * directive may leave it out); undefined for any other comment.
 */
export function shellCheckDisabled(commentText: string): string[] | undefined {
  const codes = /^\s*shellcheck\s+(?:\S+\s+)*?disable\s*=\s*((?:SC)?\d+(?:\s*,\s*(?:SC)?\d+)*)/.exec(commentText)?.[1];
  return codes?.split(',').map((code) => `SC${code.trim().replace(/^SC/, '')}`);
}

export function readSuppressions(model: DockerfileModel): Suppressions {
  const check = model.directives.find((d) => d.name.toLowerCase() === 'check');
  const directive = parseCheckDirective(check?.value ?? '');
  // A directive BuildKit refuses fails the build; what it would have skipped is moot, so nothing is skipped.
  const skipped = directive.invalid === undefined ? directive.skip : new Set<string>();
  const asErrors = directive.invalid === undefined && directive.error;
  const experimental = directive.invalid === undefined ? directive.experimental : new Set<string>();
  const ignoredAt = new Map<number, Set<string>>();
  for (const comment of model.comments) {
    const listed = /^\s*(?:stagecraft|hadolint)\s+ignore\s*=\s*([A-Za-z0-9_,\s]+)$/.exec(comment.text)?.[1]?.split(',').map((s) => s.trim()).filter(Boolean)
      ?? shellCheckDisabled(comment.text);
    if (listed === undefined) continue;
    let line = comment.range.end.line + 1;
    while (line < model.lines.lineCount && /^\s*#/.test(model.lines.lineText(line))) line++;
    const instruction = model.instructionAt(line);
    if (instruction === undefined || instruction.range.start.line !== line) continue;
    const ids = ignoredAt.get(line) ?? new Set<string>();
    for (const id of listed) ids.add(id);
    ignoredAt.set(line, ids);
  }
  return { skippedBuildkit: skipped, buildkitAsErrors: asErrors, experimentalBuildkit: experimental, ignoredAt };
}
