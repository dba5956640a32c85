import type { DocumentHighlight, Location, Position } from 'vscode-languageserver';
import { DocumentHighlightKind } from '../../lsp';
import type { DockerfileModel } from '../../model';
import { definitionsOfSymbol, symbolTable } from '../../model/symbols';

/** Go to definition: a stage's `AS name` (or its FROM when unnamed), a variable's ARG/ENV, a heredoc's `<<EOF`. */
export function definition(model: DockerfileModel, position: Position): Location[] {
  const occurrence = symbolTable(model).occurrenceAt(position);
  if (occurrence === undefined) return [];
  return definitionsOfSymbol(occurrence.symbol).map((o) => ({ uri: model.uri, range: o.range }));
}

export function references(model: DockerfileModel, position: Position, includeDeclaration: boolean): Location[] {
  const occurrence = symbolTable(model).occurrenceAt(position);
  if (occurrence === undefined) return [];
  return occurrence.symbol.occurrences
    .filter((o) => includeDeclaration || o.role === 'reference')
    .map((o) => ({ uri: model.uri, range: o.range }));
}

export function documentHighlights(model: DockerfileModel, position: Position): DocumentHighlight[] {
  const occurrence = symbolTable(model).occurrenceAt(position);
  if (occurrence === undefined) return [];
  return occurrence.symbol.occurrences.map((o) => ({
    range: o.range,
    kind: o.role === 'definition' ? DocumentHighlightKind.Write : DocumentHighlightKind.Read,
  }));
}
