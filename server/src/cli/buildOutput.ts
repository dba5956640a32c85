import { l10n } from '../locale/l10n';
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import { parseBuildErrors } from '../../../common/src/buildErrors';
import { endpointLabel } from '../../../common/src/engineEndpoint';
import { toShellLine } from '../../../common/src/shellLine';
import { buildModel } from '../model';

function endpointOf(executable: string): string {
  return endpointLabel(executable, process.env['DOCKER_HOST'], () => {
    const context = spawnSync(executable, ['context', 'show'], { encoding: 'utf8', timeout: 5000 });
    return context.status === 0 ? context.stdout.trim() : undefined;
  });
}

/**
 * `stagecraft build-output --dockerfile FILE -- CLI ARGS...`: runs a container build (argv, no shell), passes
 * its output through, and when it fails prints each located error as `FILE:LINE:1: error: MESSAGE` — the line
 * the `$stagecraft-build` problem matcher reads. This is what the Build Image task runs, so the Problems panel
 * points at the right Dockerfile line whichever builder (BuildKit or classic) the engine uses.
 */
export function runBuildOutput(args: readonly string[], stdout: (text: string) => void, stderr: (text: string) => void): Promise<number> {
  const separator = args.indexOf('--');
  const options = separator < 0 ? args : args.slice(0, separator);
  const command = separator < 0 ? [] : args.slice(separator + 1);
  const flag = options.indexOf('--dockerfile');
  const dockerfile = flag < 0 ? undefined : options[flag + 1];
  const [executable, ...argv] = command;
  if (dockerfile === undefined || executable === undefined) {
    stderr(l10n.t('usage: stagecraft build-output --dockerfile FILE -- CLI ARGS...\n'));
    return Promise.resolve(2);
  }
  stdout(`$ ${toShellLine([executable, ...argv])}\n(engine: ${endpointOf(executable)})\n`);
  return new Promise((resolve) => {
    const child = spawn(executable, argv, { stdio: ['ignore', 'pipe', 'pipe'], shell: false });
    let output = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => { output += chunk; stdout(chunk); });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => { output += chunk; stderr(chunk); });
    child.on('error', (error) => {
      stderr(l10n.t`${dockerfile}:1:1: error: could not run ${executable}: ${error.message}\n`);
      resolve(127);
    });
    child.on('close', (code) => {
      if (code !== 0) {
        let instructionLines: number[] = [];
        try {
          instructionLines = buildModel({ uri: dockerfile, version: 0, text: fs.readFileSync(dockerfile, 'utf8') }).instructions.map((i) => i.range.start.line);
        } catch {
          // Without the file the errors still print, on line 1.
        }
        for (const error of parseBuildErrors(output, instructionLines)) {
          stdout(`${dockerfile}:${(error.line ?? 0) + 1}:1: error: ${error.message}\n`);
        }
      }
      resolve(code ?? 1);
    });
  });
}
