import * as path from 'node:path';
import { limitHeapGrowth } from '../heapGrowth';
import { codeCacheFolder, runWithCodeCache, userHome } from './codeCache';

// dist/server.js: what editors start. The heap setting comes first, as V8 checks that a code cache was made
// under the same flags; then the server bundle (dist/server-main.js) runs from the code cache.
limitHeapGrowth();
runWithCodeCache(path.join(__dirname, 'server-main.js'), codeCacheFolder(process.env, process.platform, userHome()));
