import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { objectCache } from '../../server/src/model/objectCache';

describe('objectCache', () => {
  it('keeps a value per object, as a WeakMap did', () => {
    const cache = objectCache<object, number>('test');
    const first = {};
    const second = {};
    assert.equal(cache.get(first), undefined);
    cache.set(first, 1);
    cache.set(second, 2);
    cache.set(first, 3);
    assert.equal(cache.get(first), 3);
    assert.equal(cache.get(second), 2);
    assert.equal(objectCache<object, number>('test').get(first), undefined, 'two caches of one name are two caches');
  });

  it('gives a view made with Object.create a cache of its own (a model view has other instructions)', () => {
    const cache = objectCache<object, string>('test');
    const model = { instructions: [1, 2, 3] };
    const view = Object.create(model, { instructions: { value: [2] } }) as typeof model;
    cache.set(model, 'whole model');
    assert.equal(cache.get(view), undefined);
    cache.set(view, 'view');
    assert.equal(cache.get(model), 'whole model');
    assert.equal(cache.get(view), 'view');
  });

  it('is invisible to comparisons and JSON (the property is not enumerable)', () => {
    const cache = objectCache<object, string>('test');
    const list = [1, 2];
    const record = { a: 1 };
    cache.set(list, 'derived');
    cache.set(record, 'derived');
    assert.deepStrictEqual(list, [1, 2]);
    assert.deepStrictEqual(record, { a: 1 });
    assert.equal(JSON.stringify(record), '{"a":1}');
  });
});
