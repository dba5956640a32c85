import type { SemanticTokensLegend } from 'vscode-languageserver';

/** The one list both the legend and the emitter index into, so they cannot disagree. */
export const TOKEN_TYPES = [
  'keyword', 'comment', 'macro', 'string', 'number', 'parameter', 'property', 'variable', 'class', 'type', 'operator', 'enumMember',
] as const;
export const TOKEN_MODIFIERS = ['declaration', 'readonly', 'deprecated', 'defaultLibrary'] as const;

export type TokenType = (typeof TOKEN_TYPES)[number];
export type TokenModifier = (typeof TOKEN_MODIFIERS)[number];

export const LEGEND: SemanticTokensLegend = { tokenTypes: [...TOKEN_TYPES], tokenModifiers: [...TOKEN_MODIFIERS] };

export function typeIndex(type: TokenType): number {
  return TOKEN_TYPES.indexOf(type);
}

export function modifierBits(modifiers: readonly TokenModifier[]): number {
  let bits = 0;
  for (const modifier of modifiers) bits |= 1 << TOKEN_MODIFIERS.indexOf(modifier);
  return bits;
}
