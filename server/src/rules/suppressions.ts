import type { DockerfileModel } from '../model';

/**
 * What the file itself says about its checks: BuildKit's `# check=skip=A,B|all;error=true` directive, and
 * inline `# stagecraft ignore=ID[,ID]` / `# hadolint ignore=ID[,ID]` comments, which silence the instruction
 * that follows them (other comment lines may stand between).
 */
export interface Suppressions {
  readonly skippedBuildkit: ReadonlySet<string> | 'all';
  readonly buildkitAsErrors: boolean;
  /** Rule ids silenced per instruction start line. */
  readonly ignoredAt: ReadonlyMap<number, ReadonlySet<string>>;
}

export function readSuppressions(model: DockerfileModel): Suppressions {
  let skipped: Set<string> | 'all' = new Set();
  let asErrors = false;
  const check = model.directives.find((d) => d.name.toLowerCase() === 'check');
  for (const part of (check?.value ?? '').split(';')) {
    const [key = '', value = ''] = part.split('=').map((s) => s.trim());
    if (key.toLowerCase() === 'skip') {
      const names = value.split(',').map((s) => s.trim()).filter(Boolean);
      skipped = names.some((n) => n.toLowerCase() === 'all') ? 'all' : new Set(names);
    } else if (key.toLowerCase() === 'error') {
      asErrors = value.toLowerCase() === 'true';
    }
  }
  const ignoredAt = new Map<number, Set<string>>();
  for (const comment of model.comments) {
    const match = /^\s*(?:stagecraft|hadolint)\s+ignore\s*=\s*([A-Za-z0-9_,\s]+)$/.exec(comment.text);
    if (match === null) continue;
    let line = comment.range.end.line + 1;
    while (line < model.lines.lineCount && /^\s*#/.test(model.lines.lineText(line))) line++;
    const instruction = model.instructionAt(line);
    if (instruction === undefined || instruction.range.start.line !== line) continue;
    const ids = ignoredAt.get(line) ?? new Set<string>();
    for (const id of (match[1] ?? '').split(',').map((s) => s.trim()).filter(Boolean)) ids.add(id);
    ignoredAt.set(line, ids);
  }
  return { skippedBuildkit: skipped, buildkitAsErrors: asErrors, ignoredAt };
}
