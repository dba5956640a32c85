import * as fs from 'node:fs';
import * as path from 'node:path';

/** The repository root, found from the compiled test file's location (out/test/...). */
export const REPO_ROOT = path.resolve(__dirname, '..', '..', '..');
export const DIST = path.join(REPO_ROOT, 'dist');
export const FIXTURES = path.join(REPO_ROOT, 'test', 'fixtures');
export const CORPUS = path.resolve(REPO_ROOT, '..', 'shared', 'corpus');

export function fixture(relative: string): string {
  return fs.readFileSync(path.join(FIXTURES, relative), 'utf8');
}

/** The corpus's Dockerfiles by name, sorted (empty when the corpus is absent: tests that use it skip, saying so). */
export const CORPUS_DOCKERFILES: readonly string[] = fs.existsSync(path.join(CORPUS, 'files'))
  ? fs.readdirSync(path.join(CORPUS, 'files')).filter((f) => f.endsWith('Dockerfile')).sort()
  : [];
