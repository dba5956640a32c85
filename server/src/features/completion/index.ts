import type { CompletionItem, CompletionList, Position } from 'vscode-languageserver';
import { CompletionItemKind, InsertTextFormat } from '../../lsp';
import type { DockerfileModel } from '../../model';
import type { ContextFiles } from '../../buildContext/contextFiles';
import { dockerIgnoreFor } from '../../buildContext/dockerignore';
import { DIRECTIVE_DOCS } from '../../reference/docs';
import { situationAt } from './situation';
import { DIRECTIVE_SNIPPETS, keywordCompletions } from './keywords';
import { flagCompletions, flagValueCompletions } from './flags';
import { variableCompletions } from './variables';
import { argumentCompletions } from './arguments';
import { pathCompletions } from './paths';

export interface CompletionEnvironment {
  readonly snippets: boolean;
  readonly buildContext: ContextFiles | undefined;
  readonly workspaceImages: readonly { image: string; uses: number }[];
}

/** Completion at a position, from the model of the document's current version. */
export function completion(model: DockerfileModel, position: Position, environment: CompletionEnvironment): CompletionList {
  const situation = situationAt(model, position);
  const items: CompletionItem[] = [];
  switch (situation?.kind) {
    case undefined:
      break;
    case 'directive':
      for (const [name, snippet] of Object.entries(DIRECTIVE_SNIPPETS)) {
        if (model.directives.some((d) => d.name.toLowerCase() === name)) continue;
        const doc = DIRECTIVE_DOCS[name];
        items.push({
          label: name, kind: CompletionItemKind.Keyword, detail: doc?.title ?? name,
          documentation: { kind: 'markdown', value: doc?.text ?? '' },
          textEdit: { range: situation.replace, newText: environment.snippets ? snippet : `${name}=` },
          insertTextFormat: environment.snippets ? InsertTextFormat.Snippet : InsertTextFormat.PlainText,
        });
      }
      break;
    case 'keyword':
      items.push(...keywordCompletions(situation.replace, situation.beforeFirstFrom, situation.onbuild, environment.snippets));
      break;
    case 'flag':
      items.push(...flagCompletions(model, situation.instruction, situation.replace, environment.snippets));
      break;
    case 'flagValue':
      items.push(...flagValueCompletions(model, situation.instruction, situation.flag, situation.value, situation.valueStart));
      break;
    case 'variable':
      items.push(...variableCompletions(model, situation.instruction, situation.replace, situation.closeBrace));
      break;
    case 'argument': {
      const { instruction } = situation;
      items.push(...argumentCompletions(model, instruction, situation.index, situation.word, situation.replace, environment.workspaceImages));
      const copiesFromContext = (instruction.keyword === 'COPY' || instruction.keyword === 'ADD') && !instruction.flags.some((f) => f.name === 'from');
      if (copiesFromContext && environment.buildContext !== undefined && !situation.word.startsWith('-')) {
        items.push(...pathCompletions(environment.buildContext, dockerIgnoreFor(model.uri, environment.buildContext), situation.word, situation.replace));
      }
      break;
    }
  }
  return { isIncomplete: false, items };
}
