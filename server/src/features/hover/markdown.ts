import { l10n } from '../../locale/l10n';
import type { DocEntry } from '../../reference/docs';
import { referenceLink } from '../../reference/docs';

/**
 * A CommonMark code span showing `text` exactly: the fence is one backtick longer than the longest run inside,
 * padded when the text starts or ends with a backtick. Nothing is escaped — in a code span a backslash is shown
 * as written, so `\|` would show a backslash (use tableCode inside tables).
 */
export function inlineCode(text: string): string {
  const longestRun = Math.max(0, ...(text.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longestRun + 1);
  const pad = text.startsWith('`') || text.endsWith('`') || (text.startsWith(' ') && text.endsWith(' ') && text.trim() !== '') ? ' ' : '';
  return `${fence}${pad}${text}${pad}${fence}`;
}

/** A code span inside a GFM table cell: there `|` must be `\|` (the table, not the span, reads it first). */
export function tableCode(text: string): string {
  return inlineCode(text).replace(/\|/g, '\\|');
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
