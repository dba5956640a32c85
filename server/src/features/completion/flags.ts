import { l10n } from '../../locale/l10n';
import type { CompletionItem, Position, Range } from 'vscode-languageserver';
import { CompletionItemKind, InsertTextFormat } from '../../lsp';
import type { DockerfileModel, InstructionModel } from '../../model';
import { instructionSpec } from '../../reference/instructions';
import type { FlagSpec } from '../../reference/instructions';
import { FLAG_DOCS, MOUNT_TYPE_DOCS } from '../../reference/docs';
import { CACHE_SHARING_MODES, MOUNT_KEYS, MOUNT_TYPES, NETWORK_MODES, SECURITY_MODES } from '../../reference/flagValues';
import { stageNameItems } from './stages';

const RETRIGGER = { title: 'Suggest', command: 'editor.action.triggerSuggest' };

/** What to insert for each flag: its most useful value shape, choices where the builder has a fixed set. */
const FLAG_SNIPPETS: Readonly<Record<string, string>> = {
  mount: '--mount=type=${1|cache,bind,tmpfs,secret,ssh|},target=${2:/root/.cache}',
  network: '--network=${1|none,host,default|}',
  security: '--security=${1|insecure,sandbox|}',
  platform: '--platform=${1|\\$BUILDPLATFORM,\\$TARGETPLATFORM,linux/amd64,linux/arm64|}',
  from: '--from=${1}',
  chown: '--chown=${1:user}:${2:group}',
  chmod: '--chmod=${1:755}',
  checksum: '--checksum=sha256:${1}',
  exclude: '--exclude=${1:pattern}',
  interval: '--interval=${1:30s}',
  timeout: '--timeout=${1:30s}',
  'start-period': '--start-period=${1:5s}',
  'start-interval': '--start-interval=${1:5s}',
  retries: '--retries=${1:3}',
  device: '--device=${1:name}',
};

export function flagCompletions(model: DockerfileModel, instruction: InstructionModel, replace: Range, snippets: boolean): CompletionItem[] {
  const spec = instructionSpec(instruction.keyword);
  if (spec === undefined) return [];
  const present = new Set(instruction.flags.filter((f) => f.range.end.character !== replace.end.character || f.range.end.line !== replace.end.line).map((f) => f.name));
  return spec.flags
    .filter((flag) => (flag.labs !== true || model.labsSyntax) && (flag.repeatable === true || !present.has(flag.name)))
    .map((flag) => flagItem(instruction.keyword, flag, replace, snippets));
}

function flagItem(keyword: string, flag: FlagSpec, replace: Range, snippets: boolean): CompletionItem {
  const doc = FLAG_DOCS[`${keyword} --${flag.name}`];
  const snippet = flag.kind === 'boolean' ? `--${flag.name}` : FLAG_SNIPPETS[flag.name] ?? `--${flag.name}=\${1}`;
  return {
    label: `--${flag.name}`,
    kind: CompletionItemKind.Property,
    detail: doc?.title ?? (flag.kind === 'boolean' ? `--${flag.name}` : `--${flag.name}=<${flag.kind}>`),
    documentation: { kind: 'markdown', value: doc?.text ?? '' },
    textEdit: { range: replace, newText: snippets ? snippet : `--${flag.name}${flag.kind === 'boolean' ? '' : '='}` },
    insertTextFormat: snippets ? InsertTextFormat.Snippet : InsertTextFormat.PlainText,
    ...(flag.name === 'from' ? { command: RETRIGGER } : {}),
  };
}

/** Values after `--name=`; for `--mount=` the keys and values of the mount type being written. */
export function flagValueCompletions(model: DockerfileModel, instruction: InstructionModel, flag: string, value: string, valueStart: Position): CompletionItem[] {
  const at = (offset: number): Range => ({ start: { line: valueStart.line, character: valueStart.character + offset }, end: { line: valueStart.line, character: valueStart.character + value.length } });
  const choices = (values: readonly string[], detail: string, offset = 0): CompletionItem[] =>
    values.map((v) => ({ label: v, kind: CompletionItemKind.EnumMember, detail, textEdit: { range: at(offset), newText: v } }));
  const spec = instructionSpec(instruction.keyword)?.flags.find((f) => f.name === flag);
  switch (flag) {
    case 'network': return choices(NETWORK_MODES, 'RUN --network');
    case 'security': return choices(SECURITY_MODES, 'RUN --security');
    case 'platform': return choices(['$BUILDPLATFORM', '$TARGETPLATFORM', 'linux/amd64', 'linux/arm64', 'linux/arm/v7', 'linux/riscv64', 'windows/amd64'], 'platform');
    case 'from': return stageNameItems(model, instruction, at(0), true);
    case 'chmod': return choices(['755', '644', '600', '0755', 'u+x'], 'permissions');
    case 'mount': return mountCompletions(model, instruction, value, at);
    default:
      return spec?.kind === 'boolean' ? choices(['true', 'false'], `--${flag}`) : [];
  }
}

/** Cache directories of the common toolchains, as `target=` suggestions for a cache mount. */
const CACHE_TARGETS = ['/root/.cache/go-build', '/go/pkg/mod', '/root/.npm', '/usr/local/share/.cache/yarn', '/root/.cache/pip', '/usr/local/cargo/registry', '/root/.m2', '/root/.gradle', '/var/cache/apt', '/var/lib/apt'];

function mountCompletions(model: DockerfileModel, instruction: InstructionModel, value: string, at: (offset: number) => Range): CompletionItem[] {
  const segmentStart = value.lastIndexOf(',') + 1;
  const segment = value.slice(segmentStart);
  const options = value.split(',').map((part) => part.split('=')[0]?.toLowerCase() ?? '');
  const type = (/(?:^|,)type=([a-z]+)/i.exec(value)?.[1] ?? 'bind').toLowerCase();
  const equals = segment.indexOf('=');
  if (equals >= 0) {
    const key = segment.slice(0, equals).toLowerCase();
    const offset = segmentStart + equals + 1;
    const items = (values: readonly string[], detail: string): CompletionItem[] =>
      values.map((v) => ({ label: v, kind: CompletionItemKind.EnumMember, detail, textEdit: { range: at(offset), newText: v } }));
    switch (key) {
      case 'type':
        return MOUNT_TYPES.map((t) => ({ label: t, kind: CompletionItemKind.EnumMember, detail: MOUNT_TYPE_DOCS[t]?.title ?? t, documentation: { kind: 'markdown', value: MOUNT_TYPE_DOCS[t]?.text ?? '' }, textEdit: { range: at(offset), newText: t } }));
      case 'sharing': return items(CACHE_SHARING_MODES, l10n.t('cache sharing'));
      case 'from': return stageNameItems(model, instruction, at(offset), true);
      case 'readonly': case 'ro': case 'rw': case 'readwrite': case 'required': return items(['true', 'false'], key);
      case 'target': case 'dst': case 'destination': return type === 'cache' ? items(CACHE_TARGETS, l10n.t('toolchain cache directory')) : type === 'secret' ? items(['/run/secrets/'], l10n.t('secret file')) : [];
      default: return [];
    }
  }
  const keys = (MOUNT_KEYS[type as (typeof MOUNT_TYPES)[number]] ?? MOUNT_KEYS.bind).filter((k) => !options.slice(0, -1).includes(k));
  return keys.map((key) => ({ label: `${key}=`, kind: CompletionItemKind.Property, detail: l10n.t`${type} mount option`, textEdit: { range: at(segmentStart), newText: `${key}=` }, command: RETRIGGER }));
}
