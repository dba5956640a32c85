import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { buildModel } from '../../server/src/model';
import { DEFAULT_CONVERSION_OPTIONS, NO_CONTEXT, convertToMultiStage } from '../../server/src/multistage';
import { assertSoundConversion } from '../helpers/conversion';
import { CORPUS } from '../helpers/paths';

const dir = path.join(CORPUS, 'files');
const files = fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => f.endsWith('Dockerfile')).sort() : [];

describe('convert to multi-stage: every corpus file it is offered on (property)', () => {
  if (files.length === 0) {
    it('is skipped: no corpus here', { skip: `no corpus at ${CORPUS}` }, () => undefined);
    return;
  }
  const manifest = fs.readFileSync(path.join(CORPUS, 'manifest.tsv'), 'utf8').trim().split('\n').map((row) => row.split('\t'));
  const header = manifest[0] ?? [];
  const candidates = new Set(manifest.slice(1).filter((row) => row[header.indexOf('refactor_candidate')] === '1').map((row) => `${row[0] ?? ''}.Dockerfile`));

  let offered = 0;
  for (const file of files) {
    const text = fs.readFileSync(path.join(dir, file), 'utf8');
    const model = buildModel({ uri: file, version: 1, text });
    const conversion = convertToMultiStage(model, NO_CONTEXT, DEFAULT_CONVERSION_OPTIONS);
    if (!conversion.ok) continue;
    offered++;
    it(`${file} converts soundly`, () => assertSoundConversion(model, conversion));
  }

  it(`is offered on most of the manifest's ${candidates.size} refactor candidates and never on multi-stage files`, () => {
    const offeredOn = files.filter((file) => {
      const model = buildModel({ uri: file, version: 1, text: fs.readFileSync(path.join(dir, file), 'utf8') });
      return convertToMultiStage(model, NO_CONTEXT, DEFAULT_CONVERSION_OPTIONS).ok;
    });
    // Refused on purpose (issue #24): the build RUN already removes its toolchain or runs `make install`, so a
    // second stage gains little and could lose files. Those are not misses.
    const refusedOnPurpose = (file: string): boolean => {
      const model = buildModel({ uri: file, version: 1, text: fs.readFileSync(path.join(dir, file), 'utf8') });
      const result = convertToMultiStage(model, NO_CONTEXT, DEFAULT_CONVERSION_OPTIONS);
      return !result.ok && /already removes the build tools|`make install`/.test(result.reason);
    };
    const missed = [...candidates].filter((c) => !offeredOn.includes(c) && !refusedOnPurpose(c));
    assert.ok(offered > 0);
    assert.ok(missed.length <= Math.floor(candidates.size * 0.25), `missed candidates: ${missed.join(', ')}`);
  });
});
