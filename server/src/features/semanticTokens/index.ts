import type { Range, SemanticTokens, SemanticTokensDelta } from 'vscode-languageserver';
import { SemanticTokensBuilder } from '../../lsp';
import type { DockerfileModel } from '../../model';
import { collectTokens } from './collect';
import { encodeTokens } from './encode';

export { LEGEND } from './legend';

/**
 * Full, delta and range requests. The last full result per document is kept so a delta request answers with
 * the edits against it (the builder diffs by common prefix and suffix: linear).
 */
export class SemanticTokensProvider {
  private readonly builders = new Map<string, SemanticTokensBuilder>();

  full(model: DockerfileModel): SemanticTokens {
    const builder = new SemanticTokensBuilder();
    encodeTokens(model, collectTokens(model, 0, model.lines.lineCount), builder);
    this.builders.set(model.uri, builder);
    return builder.build();
  }

  delta(model: DockerfileModel, previousResultId: string): SemanticTokens | SemanticTokensDelta {
    const builder = this.builders.get(model.uri);
    if (builder === undefined || builder.id !== previousResultId) return this.full(model);
    builder.previousResult(previousResultId);
    encodeTokens(model, collectTokens(model, 0, model.lines.lineCount), builder);
    return builder.buildEdits();
  }

  range(model: DockerfileModel, range: Range): SemanticTokens {
    const builder = new SemanticTokensBuilder();
    encodeTokens(model, collectTokens(model, range.start.line, range.end.line), builder);
    return builder.build();
  }

  forget(uri: string): void {
    this.builders.delete(uri);
  }
}
