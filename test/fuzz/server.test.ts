import { describe, it } from 'node:test';
import { FUZZ_SEED } from './dockerfiles';
import { fuzzServer } from './serverFuzz';

describe('fuzzing the real server over LSP', () => {
  it('random and mutated Dockerfiles through every feature: no error, every answer in time and inside the document (120 cases, fixed seed)', async () => {
    await fuzzServer({ runs: 120, seed: FUZZ_SEED });
  });
});
