import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DockerIgnore } from '../../server/src/buildContext/dockerignore';
import { runRules } from '../../server/src/rules/engine';
import { ALL_RULES } from '../../server/src/rules/registry';
import { FIXTURE_OPTIONS, lines, model, problemKeys } from '../helpers/model';

function withContext(files: Record<string, string>, text: string): string[] {
  const buildContext = { read: (p: string) => files[p], exists: (p: string) => files[p] !== undefined, list: () => [] };
  return runRules(model(text), FIXTURE_OPTIONS, ALL_RULES, { buildContext }).map((p) => `${p.ruleId}@${p.range.start.line + 1}`);
}

describe('.dockerignore matching', () => {
  const ignore = new DockerIgnore('# comment\nnode_modules\n*.log\n**/secret.txt\nbuild/\n!build/keep.txt\n/docs/*.md\n');
  for (const [file, pattern] of [
    ['node_modules', 'node_modules'], ['node_modules/x/index.js', 'node_modules'], ['app.log', '*.log'], ['a/b/secret.txt', '**/secret.txt'],
    ['secret.txt', '**/secret.txt'], ['build/out.js', 'build/'], ['docs/intro.md', '/docs/*.md'],
  ] as const) {
    it(`excludes ${file}`, () => assert.equal(ignore.excludedBy(file), pattern));
  }
  for (const file of ['src/app.log.txt', 'build/keep.txt', 'docs/sub/intro.md', 'src/index.js']) {
    it(`keeps ${file}`, () => assert.equal(ignore.excludedBy(file), undefined));
  }
});

describe('BuildKit checks that need more than the Dockerfile', () => {
  it('CopyIgnoredFile reads .dockerignore (and Dockerfile.dockerignore first)', () => {
    const text = lines('FROM a', 'COPY package.json app.log ./', 'COPY --from=b /app.log /', 'COPY *.log /logs/', 'COPY . .');
    assert.deepEqual(withContext({ '.dockerignore': '*.log\n' }, text), ['CopyIgnoredFile@2']);
    assert.deepEqual(withContext({ '.dockerignore': '*.log\n', 'Dockerfile.dockerignore': 'package.json\n' }, text), ['CopyIgnoredFile@2']);
    assert.deepEqual(withContext({}, text), []);
  });

  it('UndefinedVar: every undefined name when the stage starts from scratch; only near-misses over an external base', () => {
    assert.deepEqual(problemKeys(lines('FROM scratch', 'ENV APP=/app', 'COPY x $APP/', 'COPY y $DEST/', 'WORKDIR ${HOME:-/root}')), ['UndefinedVar@4', 'UndefinedVar@5'], 'BuildKit reports a name with a default too (Docker 28.5)');
    assert.deepEqual(problemKeys(lines('FROM node:20', 'ARG APP_DIR=/app', 'WORKDIR $APP_DRI', 'ENV PATH=$PATH:/opt/bin', 'COPY x $NODE_VERSION/')), ['UndefinedVar@3']);
    assert.deepEqual(problemKeys(lines('FROM scratch', 'COPY <<EOF /x', '$EXPANDED_BY_THE_BUILDER', 'EOF')), ['UndefinedVar@3'], 'an unquoted COPY heredoc body is expanded (Docker 28.5)');
    assert.deepEqual(problemKeys(lines('FROM scratch', 'COPY <<"EOF" /x', '$NOT_EXPANDED', 'EOF')), []);
    assert.deepEqual(problemKeys(lines('FROM scratch', 'RUN echo $SHELL_EXPANDS_THIS')), []);
  });

  it('InvalidDefinitionDescription is off by default, as upstream, and checks the comment above a stage or ARG', () => {
    const text = lines('# base image for building', 'FROM golang:1.22 AS builder', '# GO_FLAGS extra flags', 'ARG GO_FLAGS', '# a note', 'ARG OTHER');
    assert.deepEqual(problemKeys(text).filter((k) => k.startsWith('InvalidDefinitionDescription')), []);
    const found = runRules(model(text), { severities: { ...FIXTURE_OPTIONS.severities, InvalidDefinitionDescription: 'warning' } }).filter((p) => p.ruleId === 'InvalidDefinitionDescription');
    assert.deepEqual(found.map((p) => p.range.start.line + 1), [1, 5]);
  });
});
