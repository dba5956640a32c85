import { l10n } from '../../locale/l10n';
import type { CompletionItem, Range } from 'vscode-languageserver';
import { CompletionItemKind } from '../../lsp';
import type { ContextFiles } from '../../buildContext/contextFiles';
import type { DockerIgnore } from '../../buildContext/dockerignore';

const MAX_ENTRIES = 500;

/**
 * COPY/ADD sources from the build context folder the word points into; entries .dockerignore excludes are
 * not offered (the builder would not see them). Folders end in `/` and ask for the next level.
 */
export function pathCompletions(files: ContextFiles, ignore: DockerIgnore | undefined, word: string, replace: Range): CompletionItem[] {
  if (/^[a-z]+:\/\//i.test(word) || word.startsWith('<<') || word.includes('$')) return [];
  const unquoted = word.replace(/^["[]+/, '');
  const slash = unquoted.lastIndexOf('/');
  const folder = slash < 0 ? '' : unquoted.slice(0, slash + 1);
  const relativeFolder = folder.replace(/^(\.\/|\/)+/, '');
  const start = replace.end.character - (unquoted.length - folder.length);
  const range: Range = { start: { line: replace.end.line, character: start }, end: replace.end };
  return files.list(relativeFolder === '' ? '.' : relativeFolder)
    .filter((entry) => ignore?.excludedBy(`${relativeFolder}${entry.name}`) === undefined)
    .slice(0, MAX_ENTRIES)
    .map((entry) => ({
      label: entry.directory ? `${entry.name}/` : entry.name,
      kind: entry.directory ? CompletionItemKind.Folder : CompletionItemKind.File,
      detail: l10n.t('build context'),
      sortText: `${entry.directory ? 0 : 1}${entry.name}`,
      textEdit: { range, newText: entry.directory ? `${entry.name}/` : entry.name },
      ...(entry.directory ? { command: { title: 'Suggest', command: 'editor.action.triggerSuggest' } } : {}),
    }));
}
