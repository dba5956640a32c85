import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseBuildErrors } from '../../common/src/buildErrors';

describe('build errors located in the Dockerfile', () => {
  it('reads BuildKit\'s Dockerfile:N block', () => {
    const output = [
      '#6 [2/2] RUN make', '#6 0.213 /bin/sh: make: not found', '#6 ERROR: process "/bin/sh -c make" did not complete successfully: exit code: 127',
      '------', ' > [2/2] RUN make:', '------', 'Dockerfile:3', '--------------------', '   1 |     FROM alpine', '   3 | >>> RUN make', '--------------------',
      'ERROR: failed to solve: process "/bin/sh -c make" did not complete successfully: exit code: 127',
    ].join('\n');
    assert.deepEqual(parseBuildErrors(output), [{ line: 2, message: 'process "/bin/sh -c make" did not complete successfully: exit code: 127' }]);
    assert.deepEqual(parseBuildErrors('Dockerfile:3\nERROR: failed to build: failed to solve: process "/bin/sh -c make" did not complete successfully: exit code: 2'), [{ line: 2, message: 'process "/bin/sh -c make" did not complete successfully: exit code: 2' }], 'Docker 28 says both prefixes');
  });

  it('puts a build that a check fails (# check=error=true) on the lines of the checks that failed', () => {
    const output = [
      '#1 [internal] load build definition from Dockerfile',
      '#1 WARN: JSONArgsRecommended: JSON arguments recommended for CMD to prevent unintended behavior related to OS signals (line 3)',
      '#1 WARN: LegacyKeyValueFormat: "ENV key=value" should be used instead of legacy "ENV key value" format (line 2)',
      'ERROR: failed to build: failed to solve: lint violation found for rules: JSONArgsRecommended, LegacyKeyValueFormat',
    ].join('\n');
    assert.deepEqual(parseBuildErrors(output), [
      { line: 2, message: 'JSONArgsRecommended: JSON arguments recommended for CMD to prevent unintended behavior related to OS signals' },
      { line: 1, message: 'LegacyKeyValueFormat: "ENV key=value" should be used instead of legacy "ENV key value" format' },
    ]);
  });

  it('reads the classic builder\'s parse errors and failed steps (step K is instruction K)', () => {
    assert.deepEqual(parseBuildErrors('Error response from daemon: dockerfile parse error line 2: unknown instruction: RUNN'), [{ line: 1, message: 'unknown instruction: RUNN' }]);
    const classic = 'Step 1/3 : FROM alpine\nStep 2/3 : RUN echo ok\nStep 3/3 : RUN exit 3\n ---> Running in 1\nThe command \'/bin/sh -c exit 3\' returned a non-zero code: 3';
    assert.deepEqual(parseBuildErrors(classic, [0, 2, 5]), [{ line: 5, message: 'The command \'/bin/sh -c exit 3\' returned a non-zero code: 3' }]);
  });
});
