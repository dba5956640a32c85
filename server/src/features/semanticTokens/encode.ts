import { SemanticTokensBuilder } from '../../lsp';
import type { DockerfileModel } from '../../model';
import type { RawToken } from './collect';
import { modifierBits, typeIndex } from './legend';

interface LinePiece {
  readonly start: number;
  readonly end: number;
  readonly token: RawToken;
}

/**
 * Pushes tokens in document order, one line at a time (LSP tokens cannot span lines), with overlaps resolved
 * by priority: the inner token cuts a hole in the outer one. Linear in the number of tokens per line.
 */
export function encodeTokens(model: DockerfileModel, tokens: readonly RawToken[], builder: SemanticTokensBuilder): void {
  const byLine = new Map<number, LinePiece[]>();
  for (const token of tokens) {
    const { start, end } = token.range;
    for (let line = start.line; line <= end.line; line++) {
      const text = model.lines.lineText(line);
      let from = line === start.line ? start.character : text.length - text.trimStart().length;
      let to = line === end.line ? end.character : text.length;
      if (line !== end.line && text.endsWith(model.escapeChar)) to = text.trimEnd().length - 1;
      while (to > from && /\s/.test(text.charAt(to - 1))) to--;
      from = Math.max(0, from);
      to = Math.min(text.length, to);
      if (to <= from) continue;
      const list = byLine.get(line);
      const piece = { start: from, end: to, token };
      if (list === undefined) byLine.set(line, [piece]);
      else list.push(piece);
    }
  }
  const lines = [...byLine.keys()].sort((a, b) => a - b);
  for (const line of lines) {
    for (const piece of resolveOverlaps(byLine.get(line) ?? [])) {
      builder.push(line, piece.start, piece.end - piece.start, typeIndex(piece.token.type), modifierBits(piece.token.modifiers));
    }
  }
}

function resolveOverlaps(pieces: LinePiece[]): LinePiece[] {
  pieces.sort((a, b) => a.start - b.start || b.token.priority - a.token.priority);
  let overlapping = false;
  for (let i = 1; i < pieces.length; i++) {
    if ((pieces[i]?.start ?? 0) < (pieces[i - 1]?.end ?? 0)) overlapping = true;
  }
  if (!overlapping) return pieces;
  // Paint lowest priority first; each character ends with the highest-priority token covering it.
  const end = Math.max(...pieces.map((p) => p.end));
  const owner: (RawToken | undefined)[] = new Array(end);
  for (const piece of [...pieces].sort((a, b) => a.token.priority - b.token.priority)) {
    for (let c = piece.start; c < piece.end; c++) owner[c] = piece.token;
  }
  const result: LinePiece[] = [];
  let c = 0;
  while (c < end) {
    const token = owner[c];
    if (token === undefined) {
      c++;
      continue;
    }
    const start = c;
    while (c < end && owner[c] === token) c++;
    result.push({ start, end: c, token });
  }
  return result;
}
