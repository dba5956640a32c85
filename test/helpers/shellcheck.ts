import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { it } from 'node:test';
import { buildModel } from '../../server/src/model';
import type { DockerfileModel } from '../../server/src/model';
import type { Problem } from '../../server/src/rules/rule';
import type { RuleOptions } from '../../server/src/rules/engine';
import { ShellCheckService } from '../../server/src/shellcheck/service';

/** ShellCheck's version line, or undefined when it is not installed (`npm test` installs it: scripts/test-machine.sh). */
export function shellCheckVersion(): string | undefined {
  const result = spawnSync('shellcheck', ['--version'], { encoding: 'utf8' });
  return result.status === 0 ? /version: (\S+)/.exec(result.stdout)?.[1] : undefined;
}

/**
 * For a describe() that needs ShellCheck: true when it is installed; otherwise one test that is skipped with the
 * reason — or fails, where the test runner requires the machine to be prepared (STAGECRAFT_REQUIRE_ENGINE).
 */
export function shellCheckForSuite(): boolean {
  if (shellCheckVersion() !== undefined) return true;
  const reason = 'shellcheck is not installed (apt-get install shellcheck)';
  if (process.env['STAGECRAFT_REQUIRE_ENGINE'] === '1') it('needs ShellCheck', () => assert.fail(reason));
  else it('is skipped: no ShellCheck here', { skip: reason }, () => undefined);
  return false;
}

/** ShellCheck's problems for a Dockerfile text, as the server and the CLI get them. */
export async function shellCheckProblems(text: string, options: RuleOptions = {}, service = new ShellCheckService()): Promise<{ model: DockerfileModel; problems: Problem[] }> {
  service.configure('shellcheck');
  const model = buildModel({ uri: 'file:///test/Dockerfile', version: 1, text });
  await service.complete(model);
  return { model, problems: service.known(model, { options }).problems };
}

/** The Dockerfile text a problem's range covers. */
export function textAt(model: DockerfileModel, problem: Problem): string {
  const { start, end } = problem.range;
  return model.lines.slice(start.line, start.character, end.line, end.character);
}
