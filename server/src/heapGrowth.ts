import * as v8 from 'node:v8';

/**
 * How far V8 lets the old generation grow past what its last full collection kept before the next one:
 * 1.5 times. By default it allows up to 4 times on a machine with memory to spare, sized for programs whose
 * garbage is short-lived; a language server's heap is mostly its models, which every keystroke replaces piece
 * by piece, so that garbage is old: with a 20,000-line file open, old space reached 133 MB for 61 MB of live
 * data before a full collection ran. The price is more full collections while a large file's model is first
 * built. Set at startup (V8 reads it at every full collection), so it holds however the server was launched —
 * `stagecraft lsp --stdio` cannot pass Node options of its own.
 */
export function limitHeapGrowth(): void {
  v8.setFlagsFromString('--heap-growing-percent=50');
}
