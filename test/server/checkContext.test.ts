import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, it } from 'node:test';
import { contextForCheck } from '../../server/src/buildContext/contextOnDisk';
import { dockerIgnoreFor } from '../../server/src/buildContext/dockerignore';
import { tempDir } from '../helpers/tempDir';

describe('the build context checks read', () => {
  it('is shared by checks of one folder within 2 s, and read again after that', () => {
    const folder = tempDir('stagecraft-check-context-');
    const uri = pathToFileURL(path.join(folder, 'Dockerfile')).href;
    const other = pathToFileURL(path.join(folder, 'sub', 'Dockerfile')).href;
    fs.writeFileSync(path.join(folder, '.dockerignore'), 'secret.txt\n');
    const first = contextForCheck(uri, 1_000);
    assert.ok(first !== undefined);
    assert.equal(first.exists('.env'), false);
    assert.equal(dockerIgnoreFor(uri, first)?.excludedBy('secret.txt') !== undefined, true);
    fs.writeFileSync(path.join(folder, '.env'), 'TOKEN=1\n');
    fs.writeFileSync(path.join(folder, '.dockerignore'), '\n');
    const soon = contextForCheck(uri, 2_500);
    assert.equal(soon, first, 'a check 1.5 s later shares it');
    assert.equal(soon?.exists('.env'), false, 'and what it read then');
    assert.notEqual(contextForCheck(other, 2_500), first, 'another folder has its own');
    const later = contextForCheck(uri, 3_000);
    assert.notEqual(later, first, '2 s after it was read, a check reads the disk again');
    assert.equal(later?.exists('.env'), true);
    assert.equal(dockerIgnoreFor(uri, later)?.excludedBy('secret.txt'), undefined);
    assert.equal(contextForCheck('untitled:Untitled-1', 3_000), undefined, 'unsaved documents have no build context');
  });
});
