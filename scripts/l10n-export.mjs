#!/usr/bin/env node
// Writes l10n/bundle.l10n.json from every `l10n.t(...)` / `vscode.l10n.t(...)` call and `l10n.t`-tagged template
// in client/, server/ and common/ sources, the way @vscode/l10n-dev does, with the TypeScript compiler we already have.
// `--check` compares instead of writing and exits 1 on any difference; a call whose message is not a literal fails both.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SOURCE_FOLDERS = ['client/src', 'server/src', 'common/src'];
const BUNDLE = path.join(ROOT, 'l10n', 'bundle.l10n.json');

const isL10nT = (node) => ts.isPropertyAccessExpression(node) && node.name.text === 't'
  && (node.expression.getText().endsWith('l10n'));

function templateKey(template) {
  if (ts.isNoSubstitutionTemplateLiteral(template)) return template.text;
  return template.head.text + template.templateSpans.map((span, i) => `{${i}}${span.literal.text}`).join('');
}

function messagesOf(file, source) {
  const sourceFile = ts.createSourceFile(file, source, ts.ScriptTarget.Latest, true);
  const messages = [];
  const errors = [];
  const where = (node) => `${path.relative(ROOT, file)}:${sourceFile.getLineAndCharacterOfPosition(node.getStart()).line + 1}`;
  const visit = (node) => {
    if (ts.isTaggedTemplateExpression(node) && isL10nT(node.tag)) messages.push(templateKey(node.template));
    if (ts.isCallExpression(node) && isL10nT(node.expression)) {
      const first = node.arguments[0];
      if (first !== undefined && (ts.isStringLiteral(first) || ts.isNoSubstitutionTemplateLiteral(first))) messages.push(first.text);
      else if (first !== undefined && ts.isObjectLiteralExpression(first)) {
        const property = (name) => first.properties.find((p) => ts.isPropertyAssignment(p) && p.name.getText() === name)?.initializer;
        const message = property('message');
        const comment = property('comment');
        if (message === undefined || !ts.isStringLiteralLike(message)) errors.push(`${where(node)}: l10n.t message is not a literal`);
        else {
          const comments = comment === undefined ? [] : ts.isArrayLiteralExpression(comment) ? comment.elements.filter(ts.isStringLiteralLike).map((e) => e.text) : ts.isStringLiteralLike(comment) ? [comment.text] : [];
          messages.push(comments.length > 0 ? `${message.text}/${comments.join('')}` : message.text);
        }
      } else errors.push(`${where(node)}: l10n.t message is not a literal (the bundle cannot list it)`);
    }
    ts.forEachChild(node, visit);
  };
  visit(sourceFile);
  return { messages, errors };
}

export function collectMessages() {
  const messages = new Set();
  const errors = [];
  for (const folder of SOURCE_FOLDERS) {
    const dir = path.join(ROOT, folder);
    if (!fs.existsSync(dir)) continue;
    for (const relative of fs.readdirSync(dir, { recursive: true })) {
      if (!relative.endsWith('.ts')) continue;
      const file = path.join(dir, relative);
      const found = messagesOf(file, fs.readFileSync(file, 'utf8'));
      found.messages.forEach((m) => messages.add(m));
      errors.push(...found.errors);
    }
  }
  const bundle = Object.fromEntries([...messages].sort().map((m) => [m, m]));
  return { bundle, errors };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { bundle, errors } = collectMessages();
  for (const error of errors) console.error(error);
  const text = `${JSON.stringify(bundle, null, 2)}\n`;
  if (process.argv.includes('--check')) {
    const current = fs.existsSync(BUNDLE) ? fs.readFileSync(BUNDLE, 'utf8') : '';
    if (current !== text) console.error('l10n/bundle.l10n.json is out of date: run `npm run l10n`');
    process.exit(errors.length > 0 || current !== text ? 1 : 0);
  }
  fs.writeFileSync(BUNDLE, text);
  console.log(`${Object.keys(bundle).length} messages → ${path.relative(ROOT, BUNDLE)}`);
  process.exit(errors.length > 0 ? 1 : 0);
}
