import { l10n } from '../locale/l10n';
import type { RuleSeveritySetting } from '../../../common/src/protocol';
import type { DockerfileModel } from '../model';
import { PROXY_ARGS } from '../reference/predefinedArgs';
import { knownBaseEnv } from '../rules/baseEnv';
import type { Fix, Problem, RuleSeverity, TextEdit } from '../rules/rule';
import { documentRange, lineStartsOf, scriptIndex } from './positions';
import type { ShellCheckComment, ScriptVerdict } from './runner';
import type { RunScript } from './scripts';

export const SHELLCHECK_SOURCE = 'shellcheck';

/**
 * Codes left out unless a setting turns them on, as hadolint does: SC1090/SC1091 (a sourced file ShellCheck
 * cannot follow: in a Dockerfile it is in the image, not beside the script) and SC2187 (ash checked as dash).
 */
export const DEFAULT_DISABLED_CODES: ReadonlySet<string> = new Set(['SC1090', 'SC1091', 'SC2187']);

const LEVELS: Readonly<Record<ShellCheckComment['level'], RuleSeverity>> = { error: 'error', warning: 'warning', info: 'info', style: 'hint' };

export interface ShellCheckFindingOptions {
  readonly severities?: Readonly<Record<string, RuleSeveritySetting>> | undefined;
  /** Codes silenced for this RUN (`# shellcheck disable=`, `# hadolint ignore=`, `# stagecraft ignore=`). */
  readonly ignored?: ReadonlySet<string> | undefined;
  /** An external base image's environment, when the engine gave it. */
  readonly baseImageEnv?: ((image: string) => ReadonlyMap<string, string> | undefined) | undefined;
}

const PROXIES: ReadonlySet<string> = new Set(PROXY_ARGS);

/** SC2154 ("referenced but not assigned") for a variable the Dockerfile gives that RUN: ARG, ENV, a parent stage's, a proxy arg, the base image's. */
function definedByDockerfile(model: DockerfileModel, script: RunScript, name: string, options: ShellCheckFindingOptions): boolean {
  if (PROXIES.has(name) || model.lookupVariable(name, script.instruction.index) !== undefined) return true;
  const stage = model.stages[script.instruction.stageIndex];
  return stage !== undefined && knownBaseEnv(model, stage, { buildContext: undefined, baseImageEnv: options.baseImageEnv })?.has(name) === true;
}

function fixOf(model: DockerfileModel, script: RunScript, lineStarts: readonly number[], comment: ShellCheckComment): Fix | undefined {
  const replacements = comment.fix?.replacements ?? [];
  if (replacements.length === 0) return undefined;
  const edits: TextEdit[] = [];
  for (const replacement of replacements) {
    const start = scriptIndex(script, lineStarts, replacement.line, replacement.column);
    const end = scriptIndex(script, lineStarts, replacement.endLine, replacement.endColumn);
    // An edit across a line continuation would have to rewrite the Dockerfile's own line structure: not offered.
    for (let index = start + 1; index < end; index++) if ((script.offsets[index] ?? 0) !== (script.offsets[index - 1] ?? 0) + 1) return undefined;
    edits.push({ range: documentRange(model, script, start, end), newText: replacement.replacement });
  }
  return { title: l10n.t`Apply ShellCheck's fix for SC${String(comment.code)}`, edits };
}

/** ShellCheck's comments on one RUN script as problems at their places in the Dockerfile. */
export function shellCheckProblems(model: DockerfileModel, script: RunScript, verdict: ScriptVerdict, options: ShellCheckFindingOptions): Problem[] {
  const { ignored } = options;
  if (verdict === 'timeout') {
    return [{
      ruleId: 'ShellCheckTimeout', severity: 'hint', source: SHELLCHECK_SOURCE,
      range: script.instruction.keywordRange,
      message: l10n.t('ShellCheck took too long on this script and was stopped; the script is not checked.'),
    }];
  }
  const problems: Problem[] = [];
  const lineStarts = lineStartsOf(script.text);
  for (const comment of verdict) {
    const ruleId = `SC${String(comment.code)}`;
    const configured = options.severities?.[ruleId];
    if (configured === 'off' || (configured === undefined && DEFAULT_DISABLED_CODES.has(ruleId)) || ignored?.has(ruleId) === true) continue;
    const start = scriptIndex(script, lineStarts, comment.line, comment.column);
    const end = Math.max(start, scriptIndex(script, lineStarts, comment.endLine, comment.endColumn));
    if (comment.code === 2154) {
      const name = /^\$\{?([A-Za-z_][A-Za-z0-9_]*)/.exec(script.text.slice(start, end))?.[1] ?? /^(\S+) is referenced/.exec(comment.message)?.[1];
      if (name !== undefined && definedByDockerfile(model, script, name, options)) continue;
    }
    const fix = fixOf(model, script, lineStarts, comment);
    problems.push({
      ruleId,
      severity: configured ?? LEVELS[comment.level] ?? 'warning',
      source: SHELLCHECK_SOURCE,
      range: documentRange(model, script, start, end),
      message: comment.message,
      ...(fix !== undefined ? { fixes: [fix] } : {}),
    });
  }
  return problems;
}

