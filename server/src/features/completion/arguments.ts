import { l10n } from '../../locale/l10n';
import type { CompletionItem, Range } from 'vscode-languageserver';
import { CompletionItemKind, InsertTextFormat } from '../../lsp';
import type { DockerfileModel, InstructionModel } from '../../model';
import { BUILDKIT_ARGS, PLATFORM_ARGS, PROXY_ARGS } from '../../reference/predefinedArgs';
import { stageNameItems } from './stages';

const SIGNALS = ['SIGTERM', 'SIGINT', 'SIGQUIT', 'SIGKILL', 'SIGHUP', 'SIGUSR1', 'SIGUSR2', 'SIGWINCH'];

/** Positional arguments with a known vocabulary; paths are handled by the caller, which knows the context. */
export function argumentCompletions(model: DockerfileModel, instruction: InstructionModel, index: number, word: string, replace: Range, images: readonly { image: string; uses: number }[]): CompletionItem[] {
  const plain = (labels: readonly string[], kind: CompletionItemKind, detail: string): CompletionItem[] =>
    labels.map((label) => ({ label, kind, detail, textEdit: { range: replace, newText: label } }));
  switch (instruction.keyword) {
    case 'FROM':
      if (index === 0) {
        return [
          ...stageNameItems(model, instruction, replace, false),
          ...images.map(({ image, uses }, order) => ({ label: image, kind: CompletionItemKind.Reference, detail: l10n.t`used ${uses}× in this workspace`, sortText: `1${String(order).padStart(4, '0')}`, textEdit: { range: replace, newText: image } })),
          { label: 'scratch', kind: CompletionItemKind.Constant, detail: l10n.t('the empty image'), sortText: '2', textEdit: { range: replace, newText: 'scratch' } },
        ];
      }
      return index === 1 ? [{ label: 'AS', kind: CompletionItemKind.Keyword, detail: l10n.t('name this stage'), textEdit: { range: replace, newText: 'AS ' } }] : [];
    case 'ARG': {
      if (word.includes('=')) return [];
      const stage = model.stages[instruction.stageIndex];
      const declared = new Set(stage?.variables.map((v) => v.name) ?? []);
      const globals = instruction.stageIndex < 0 ? [] : model.globalVariables.filter((d) => d.nameRange !== undefined && !declared.has(d.name)).map((d) => d.name);
      return [
        ...plain(globals, CompletionItemKind.Variable, l10n.t('global ARG: declare it to use it in this stage')),
        ...plain(PLATFORM_ARGS.filter((n) => !declared.has(n)), CompletionItemKind.Variable, l10n.t('platform arg set by the builder')),
        ...plain(PROXY_ARGS.filter((n) => !declared.has(n)), CompletionItemKind.Variable, l10n.t('proxy arg')),
        ...plain(BUILDKIT_ARGS.filter((n) => !declared.has(n)), CompletionItemKind.Variable, l10n.t('read by BuildKit')),
      ];
    }
    case 'HEALTHCHECK':
      return index === 0 && !instruction.args.some((a) => /^(CMD|NONE)$/i.test(a.value) && a.range.end.character < replace.start.character) ? plain(['CMD', 'NONE'], CompletionItemKind.Keyword, 'HEALTHCHECK') : [];
    case 'STOPSIGNAL':
      return index === 0 ? plain(SIGNALS, CompletionItemKind.EnumMember, 'signal') : [];
    case 'SHELL':
      return index === 0 ? [
        ['["/bin/bash", "-o", "pipefail", "-c"]', l10n.t('bash, failing on any pipe stage')],
        ['["/bin/sh", "-c"]', l10n.t('the default on Linux')],
        ['["powershell", "-Command"]', l10n.t('Windows PowerShell')],
        ['["cmd", "/S", "/C"]', l10n.t('the default on Windows')],
      ].map(([label = '', detail = '']) => ({ label, kind: CompletionItemKind.Value, detail, textEdit: { range: replace, newText: label }, insertTextFormat: InsertTextFormat.PlainText })) : [];
    default:
      return [];
  }
}
