import { l10n } from '../../locale/l10n';
import type { DocEntry } from '../../reference/docs';
import { referenceLink } from '../../reference/docs';

export function inlineCode(text: string): string {
  const fence = text.includes('`') ? '``' : '`';
  const pad = text.startsWith('`') || text.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${text.replace(/\|/g, '\\|')}${pad}${fence}`;
}

export function codeBlock(language: string, text: string): string {
  return `\`\`\`${language}\n${text}\n\`\`\``;
}

export function docEntry(entry: DocEntry): string {
  return [`**${entry.title}**`, entry.text, codeBlock('dockerfile', entry.example), l10n.t`[Dockerfile reference](${referenceLink(entry.link)})`].join('\n\n');
}

export function line(n: number): string {
  return l10n.t`line ${n + 1}`;
}
