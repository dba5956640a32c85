import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ModelCache } from '../../server/src/documents/modelCache';
import type { DocumentSnapshot } from '../../server/src/documents/modelCache';

const snapshot = (name: string, version: number, text: string): DocumentSnapshot => ({ uri: `file:///w/${name}/Dockerfile`, version, getText: () => text });
const small = (name: string, version = 1): DocumentSnapshot => snapshot(name, version, `FROM alpine:3.20\nRUN apk add curl\nCMD ["${name}"]\n`);

describe('the model cache keeps only recently used models', () => {
  it('drops the least recently used document beyond the limit, and builds it again, equal, when asked', () => {
    const cache = new ModelCache(undefined, { documents: 2, textLength: 1_000_000 });
    const a = small('a');
    const aModel = cache.model(a);
    const aProblems = cache.problems(a);
    cache.model(small('b'));
    assert.equal(cache.model(a), aModel, 'a hit returns the very model');
    cache.model(small('c'));
    assert.equal(cache.size, 2);
    // a was used after b, so b went.
    assert.equal(cache.model(a), aModel, 'the recently used one stayed');
    const bAgain = cache.model(small('b'));
    assert.equal(bAgain.text, small('b').getText());
    assert.equal(cache.size, 2);
    // b came back in place of c; c again pushes out a, now the least recently used.
    cache.model(small('c'));
    const aRebuilt = cache.model(a);
    assert.notEqual(aRebuilt, aModel);
    assert.deepEqual(aRebuilt.instructions.map((i) => [i.keyword, i.argumentsText, i.range]), aModel.instructions.map((i) => [i.keyword, i.argumentsText, i.range]));
    assert.deepEqual(cache.problems(a), aProblems);
  });

  it('keeps the text of the kept models within the budget, but always the latest document', () => {
    const big = snapshot('big', 1, 'FROM alpine:3.20\n' + 'RUN echo x\n'.repeat(200));
    const cache = new ModelCache(undefined, { documents: 10, textLength: 500 });
    cache.model(small('a'));
    cache.model(small('b'));
    assert.equal(cache.size, 2);
    const bigModel = cache.model(big);
    assert.equal(cache.size, 1, 'the small ones made room; the big one stays although it alone is over the budget');
    assert.equal(cache.model(big), bigModel);
    cache.model(small('a'));
    assert.equal(cache.size, 1, 'the big one goes when another document is used');
  });

  it('a new version replaces the document’s model instead of adding one', () => {
    const cache = new ModelCache(undefined, { documents: 2, textLength: 1_000_000 });
    cache.model(small('a', 1));
    cache.model(small('b', 1));
    const changed = snapshot('a', 2, 'FROM alpine:3.20\nUSER app\n');
    assert.equal(cache.model(changed).text, changed.getText());
    assert.equal(cache.size, 2);
    cache.forget(changed.uri);
    assert.equal(cache.size, 1);
  });
});
