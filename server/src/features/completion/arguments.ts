import type { CompletionItem, Range } from 'vscode-languageserver';
import { CompletionItemKind, InsertTextFormat } from 'vscode-languageserver';
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
          ...images.map(({ image, uses }, order) => ({ label: image, kind: CompletionItemKind.Reference, detail: `used ${uses}× in this workspace`, sortText: `1${String(order).padStart(4, '0')}`, textEdit: { range: replace, newText: image } })),
          { label: 'scratch', kind: CompletionItemKind.Constant, detail: 'the empty image', sortText: '2', textEdit: { range: replace, newText: 'scratch' } },
        ];
      }
      return index === 1 ? [{ label: 'AS', kind: CompletionItemKind.Keyword, detail: 'name this stage', textEdit: { range: replace, newText: 'AS ' } }] : [];
    case 'ARG': {
      if (word.includes('=')) return [];
      const stage = model.stages[instruction.stageIndex];
      const declared = new Set(stage?.variables.map((v) => v.name) ?? []);
      const globals = instruction.stageIndex < 0 ? [] : model.globalVariables.filter((d) => d.nameRange !== undefined && !declared.has(d.name)).map((d) => d.name);
      return [
        ...plain(globals, CompletionItemKind.Variable, 'global ARG: declare it to use it in this stage'),
        ...plain(PLATFORM_ARGS.filter((n) => !declared.has(n)), CompletionItemKind.Variable, 'platform arg set by the builder'),
        ...plain(PROXY_ARGS.filter((n) => !declared.has(n)), CompletionItemKind.Variable, 'proxy arg'),
        ...plain(BUILDKIT_ARGS.filter((n) => !declared.has(n)), CompletionItemKind.Variable, 'read by BuildKit'),
      ];
    }
    case 'HEALTHCHECK':
      return index === 0 && !instruction.args.some((a) => /^(CMD|NONE)$/i.test(a.value) && a.range.end.character < replace.start.character) ? plain(['CMD', 'NONE'], CompletionItemKind.Keyword, 'HEALTHCHECK') : [];
    case 'STOPSIGNAL':
      return index === 0 ? plain(SIGNALS, CompletionItemKind.EnumMember, 'signal') : [];
    case 'SHELL':
      return index === 0 ? [
        ['["/bin/bash", "-o", "pipefail", "-c"]', 'bash, failing on any pipe stage'],
        ['["/bin/sh", "-c"]', 'the default on Linux'],
        ['["powershell", "-Command"]', 'Windows PowerShell'],
        ['["cmd", "/S", "/C"]', 'the default on Windows'],
      ].map(([label = '', detail = '']) => ({ label, kind: CompletionItemKind.Value, detail, textEdit: { range: replace, newText: label }, insertTextFormat: InsertTextFormat.PlainText })) : [];
    default:
      return [];
  }
}
