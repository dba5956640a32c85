/**
 * The values the server takes from the language-server library, imported in this one module. The bundle
 * turns each `import { … } from` a CommonJS package into a copy of the package's whole export table (hundreds
 * of names), once per importing module: with 19 modules importing from it, that copying was a tenth of the
 * server's start.
 */
export {
  CodeActionKind, CompletionItemKind, CompletionItemTag, DiagnosticSeverity, DiagnosticTag, DidChangeWatchedFilesNotification,
  DocumentHighlightKind, ErrorCodes, FoldingRangeKind, InlayHintKind, InsertTextFormat, MarkupKind, ResponseError,
  SemanticTokensBuilder, SymbolKind, TextDocumentSyncKind, TextDocuments,
} from 'vscode-languageserver';
export { AbstractMessageWriter, ProposedFeatures, StreamMessageReader, createConnection } from 'vscode-languageserver/node';
