import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { buildModel } from '../../server/src/model';
import { buildkitCheckArgv, parseBuildkitCheck } from '../../common/src/engine/buildkitCheck';
import type { BuildkitCheckReport } from '../../common/src/engine/buildkitCheck';
import { EMPTY_STAND_IN_LABEL, docker, dockerEnv } from './engine';

/**
 * BuildKit's own build checks (`docker buildx build --call=check,format=json`) on a Dockerfile, offline, on this
 * process's engine (test/helpers/engine.ts; a test file imports useBuildkitEngine for the current one): every
 * external FROM image is first made to exist in the engine as an empty imported image with that name (the checks
 * read the Dockerfile, not the image's content), so BuildKit never tries to pull.
 */

export type BuildkitCheckResult = BuildkitCheckReport;


const imported = new Set<string>();
let emptyTar: Buffer | undefined;

/** An image name BuildKit would otherwise pull: made here as an empty image, once per process. */
function ensureStandIn(image: string): void {
  if (imported.has(image)) return;
  imported.add(image);
  if (docker(['image', 'inspect', '--format', '{{.Id}}', image]).status === 0) return;
  emptyTar ??= Buffer.alloc(1024); // an empty tar archive: two zero blocks
  // Labelled, so that the engine tests' real stand-ins (standInImages.ts) replace it rather than build on it.
  docker(['import', '--change', `LABEL ${EMPTY_STAND_IN_LABEL}=1`, '-', image], { input: emptyTar });
}

const IMAGE_NAME = /^(?:[a-z0-9.-]+(?::\d+)?\/)?[a-z0-9][a-z0-9._\-/]*(?::[\w][\w.-]*)?$/;

/**
 * The external images a Dockerfile reads: its stages' bases (global ARGs' defaults substituted), `COPY --from`
 * and `RUN --mount=from=` images. Only names BuildKit would resolve as written: scratch, blanks, variables and
 * malformed names are BuildKit's to report.
 */
export function externalImages(text: string): readonly string[] {
  const model = buildModel({ uri: 'Dockerfile', version: 0, text });
  const names = new Set<string>();
  const add = (name: string, stageIndex: number): void => {
    const trimmed = name.trim();
    if (trimmed.toLowerCase() === 'scratch' || !IMAGE_NAME.test(trimmed) || /^\d+$/.test(trimmed)) return;
    if (model.stageByReference(trimmed, stageIndex) !== undefined) return;
    names.add(trimmed);
  };
  for (const stage of model.stages) {
    if (stage.parentStageIndex === undefined && stage.base.exact) add(stage.base.text, stage.index);
    for (const instruction of stage.instructions) {
      for (const flag of instruction.flags) {
        if (flag.name === 'from' && flag.value !== null) add(flag.value, stage.index);
        if (flag.name === 'mount') for (const option of flag.options) if (option.name === 'from' && option.value !== null) add(option.value, stage.index);
      }
    }
  }
  return [...names];
}

/**
 * Image digests cannot be given to a stand-in made here, so a checked text has them removed (BuildKit's checks
 * do not read them); compare Stagecraft on the same text. Lines stay where they were.
 */
export function withoutDigests(text: string): string {
  return text.replace(/@sha256:[0-9a-f]{64}/g, '');
}

/** Whether this docker CLI can run BuildKit's checks (buildx with `--call=check`, Docker 27+ engine). */
export function buildkitCheckAvailable(): { ok: true } | { ok: false; reason: string } {
  const buildx = docker(['buildx', 'version']);
  if (buildx.status !== 0) return { ok: false, reason: `docker buildx is not available: ${buildx.stderr.trim()}` };
  const server = docker(['version', '--format', '{{.Server.Version}}']);
  if (server.status !== 0) return { ok: false, reason: `no Docker engine answers: ${server.stderr.trim()}` };
  const major = Number(server.stdout.trim().split('.')[0]);
  if (!(major >= 27)) return { ok: false, reason: `the engine is Docker ${server.stdout.trim()}; BuildKit's checks need 27 or later` };
  return { ok: true };
}

/**
 * A `# syntax=` directive would make BuildKit pull that frontend image; offline, the text is checked with the
 * built-in frontend instead. The directive is taken out and the directives after it move up one line, with a
 * plain comment after them, so every instruction keeps its line and `# escape=`/`# check=` still apply (BuildKit
 * stops reading directives at the first unknown one, so renaming it would not do). Compare Stagecraft on the
 * same text.
 */
export function withBuiltinFrontend(text: string): string {
  const lines = text.split('\n');
  const directive = /^#\s*([a-zA-Z][a-zA-Z0-9]*)\s*=/;
  let end = 0;
  while (end < lines.length && directive.test(lines[end] ?? '')) end++;
  const at = lines.slice(0, end).findIndex((line) => /^#\s*syntax\s*=/i.test(line));
  if (at < 0) return text;
  const directives = lines.slice(0, end);
  directives.splice(at, 1);
  directives.push('# (a syntax directive was here)');
  return [...directives, ...lines.slice(end)].join('\n');
}

/**
 * Runs BuildKit's checks on `text` as `Dockerfile` in an empty context (plus `contextFiles`, e.g. a .dockerignore).
 * The text must not select a frontend image (see withBuiltinFrontend).
 */
export function buildkitCheck(text: string, contextFiles: Readonly<Record<string, string>> = {}): BuildkitCheckResult {
  for (const image of externalImages(text)) ensureStandIn(image);
  const dir = checkFolder(text, contextFiles);
  try {
    return readCheck(docker(buildkitCheckArgv(path.join(dir, 'Dockerfile'), dir)));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

function checkFolder(text: string, contextFiles: Readonly<Record<string, string>>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'stagecraft-check-'));
  fs.writeFileSync(path.join(dir, 'Dockerfile'), text);
  for (const [name, content] of Object.entries(contextFiles)) fs.writeFileSync(path.join(dir, name), content);
  return dir;
}

function readCheck(result: { status: number | null; stdout: string; stderr: string }): BuildkitCheckResult {
  try {
    return parseBuildkitCheck(result.stdout);
  } catch (error) {
    throw new Error(`BuildKit's check failed (exit ${String(result.status)}): ${error instanceof Error ? error.message : String(error)}: ${result.stderr.slice(0, 2000)}`);
  }
}

/**
 * BuildKit's checks of many texts, `parallel` at a time (the engine checks files side by side; one at a time the
 * corpus takes minutes). Results in the order of `texts`; a check that failed is its Error (only that file fails).
 */
export async function buildkitChecks(texts: readonly string[], parallel = 4): Promise<(BuildkitCheckResult | Error)[]> {
  for (const text of texts) for (const image of externalImages(text)) ensureStandIn(image);
  const results: (BuildkitCheckResult | Error)[] = new Array<BuildkitCheckResult | Error>(texts.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    for (let index = next++; index < texts.length; index = next++) {
      const dir = checkFolder(texts[index] ?? '', {});
      try {
        const argv = buildkitCheckArgv(path.join(dir, 'Dockerfile'), dir);
        const ran = await new Promise<{ status: number | null; stdout: string; stderr: string }>((resolve) => {
          execFile('docker', argv, { encoding: 'utf8', timeout: 120_000, maxBuffer: 64 * 1024 * 1024, env: dockerEnv() }, (error, stdout, stderr) => {
            resolve({ status: error === null ? 0 : typeof error.code === 'number' ? error.code : null, stdout, stderr });
          });
        });
        try {
          results[index] = readCheck(ran);
        } catch {
          // Once more, alone: an engine busy with other builds can drop a check; a real failure fails twice.
          try {
            results[index] = readCheck(docker(argv));
          } catch (error) {
            results[index] = error instanceof Error ? error : new Error(String(error));
          }
        }
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    }
  };
  await Promise.all(Array.from({ length: parallel }, worker));
  return results;
}
