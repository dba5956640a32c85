import { l10n } from '../../locale/l10n';
import type { CompletionItem, Range } from 'vscode-languageserver';
import { CompletionItemKind, CompletionItemTag, InsertTextFormat } from '../../lsp';
import { FORBIDDEN_ONBUILD_TRIGGERS, INSTRUCTION_KEYWORDS } from '../../reference/instructions';
import { INSTRUCTION_DOCS } from '../../reference/docs';

interface Template {
  readonly keyword: string;
  readonly label: string;
  readonly snippet: string;
  readonly detail: string;
}

/** Every instruction, with one snippet per form (exec JSON and shell where both exist). */
const TEMPLATES: readonly Template[] = [
  { keyword: 'FROM', label: 'FROM image:tag', snippet: 'FROM ${1:image}:${2:tag}', get detail() { return l10n.t('Start a stage from an image'); } },
  { keyword: 'FROM', label: 'FROM image:tag AS name', snippet: 'FROM ${1:image}:${2:tag} AS ${3:build}', get detail() { return l10n.t('Start a named stage'); } },
  { keyword: 'FROM', label: 'FROM scratch', snippet: 'FROM scratch', get detail() { return l10n.t('Start from an empty image'); } },
  { keyword: 'ARG', label: 'ARG NAME=default', snippet: 'ARG ${1:NAME}=${2:value}', get detail() { return l10n.t('Build argument'); } },
  { keyword: 'RUN', label: 'RUN command', snippet: 'RUN ${1:command}', get detail() { return l10n.t('Shell form'); } },
  { keyword: 'RUN', label: 'RUN ["executable", "param"]', snippet: 'RUN ["${1:executable}", "${2:param}"]', get detail() { return l10n.t('Exec form (no shell)'); } },
  { keyword: 'RUN', label: 'RUN --mount=type=cache', snippet: 'RUN --mount=type=cache,target=${1:/root/.cache} ${2:command}', get detail() { return l10n.t('Shell form with a cache mount'); } },
  { keyword: 'CMD', label: 'CMD ["executable", "param"]', snippet: 'CMD ["${1:executable}", "${2:param}"]', get detail() { return l10n.t('Exec form (preferred)'); } },
  { keyword: 'CMD', label: 'CMD command', snippet: 'CMD ${1:command}', get detail() { return l10n.t('Shell form: runs under /bin/sh -c'); } },
  { keyword: 'ENTRYPOINT', label: 'ENTRYPOINT ["executable", "param"]', snippet: 'ENTRYPOINT ["${1:executable}"${2:, "${3:param}"}]', get detail() { return l10n.t('Exec form (preferred): receives CMD as arguments'); } },
  { keyword: 'ENTRYPOINT', label: 'ENTRYPOINT command', snippet: 'ENTRYPOINT ${1:command}', get detail() { return l10n.t('Shell form: ignores CMD and run arguments'); } },
  { keyword: 'COPY', label: 'COPY src dest', snippet: 'COPY ${1:src} ${2:dest}', get detail() { return l10n.t('Copy from the build context'); } },
  { keyword: 'COPY', label: 'COPY --from=stage src dest', snippet: 'COPY --from=${1:build} ${2:/src} ${3:/dest}', get detail() { return l10n.t('Copy from another stage'); } },
  { keyword: 'COPY', label: 'COPY ["src", "dest"]', snippet: 'COPY ["${1:src}", "${2:dest}"]', get detail() { return l10n.t('JSON form, for paths with spaces'); } },
  { keyword: 'ADD', label: 'ADD src dest', snippet: 'ADD ${1:src} ${2:dest}', get detail() { return l10n.t('Copy, fetch URLs, extract archives'); } },
  { keyword: 'ADD', label: 'ADD ["src", "dest"]', snippet: 'ADD ["${1:src}", "${2:dest}"]', get detail() { return l10n.t('JSON form'); } },
  { keyword: 'ENV', label: 'ENV NAME=value', snippet: 'ENV ${1:NAME}=${2:value}', get detail() { return l10n.t('Environment variable'); } },
  { keyword: 'LABEL', label: 'LABEL key=value', snippet: 'LABEL ${1:org.opencontainers.image.source}="${2:value}"', get detail() { return l10n.t('Image metadata'); } },
  { keyword: 'EXPOSE', label: 'EXPOSE port', snippet: 'EXPOSE ${1:8080}', get detail() { return l10n.t('Document a port'); } },
  { keyword: 'WORKDIR', label: 'WORKDIR /path', snippet: 'WORKDIR ${1:/app}', get detail() { return l10n.t('Working directory'); } },
  { keyword: 'USER', label: 'USER name', snippet: 'USER ${1:nonroot}', get detail() { return l10n.t('Run as this user'); } },
  { keyword: 'VOLUME', label: 'VOLUME ["/path"]', snippet: 'VOLUME ["${1:/data}"]', get detail() { return l10n.t('Mount point (JSON form)'); } },
  { keyword: 'VOLUME', label: 'VOLUME /path', snippet: 'VOLUME ${1:/data}', get detail() { return l10n.t('Mount point'); } },
  { keyword: 'HEALTHCHECK', label: 'HEALTHCHECK CMD command', snippet: 'HEALTHCHECK --interval=${1:30s} --timeout=${2:3s} CMD ${3:command}', get detail() { return l10n.t('Container health test'); } },
  { keyword: 'HEALTHCHECK', label: 'HEALTHCHECK NONE', snippet: 'HEALTHCHECK NONE', get detail() { return l10n.t('Disable an inherited health check'); } },
  { keyword: 'SHELL', label: 'SHELL ["executable", "param"]', snippet: 'SHELL ["${1:/bin/bash}", "${2:-o}", "${3:pipefail}", "${4:-c}"]', get detail() { return l10n.t('Shell for shell-form instructions'); } },
  { keyword: 'STOPSIGNAL', label: 'STOPSIGNAL signal', snippet: 'STOPSIGNAL ${1:SIGTERM}', get detail() { return l10n.t('Signal sent by docker stop'); } },
  { keyword: 'ONBUILD', label: 'ONBUILD INSTRUCTION', snippet: 'ONBUILD ${1:RUN} ${2:command}', get detail() { return l10n.t('Deferred instruction'); } },
  { keyword: 'MAINTAINER', label: 'MAINTAINER name', snippet: 'MAINTAINER ${1:name}', get detail() { return l10n.t('Deprecated: use LABEL org.opencontainers.image.authors'); } },
];

export function keywordCompletions(replace: Range, beforeFirstFrom: boolean, onbuild: boolean, snippets: boolean): CompletionItem[] {
  // Only ARG and FROM may come before the first FROM; ONBUILD cannot carry FROM, ONBUILD or MAINTAINER.
  const allowed = (keyword: string): boolean => (onbuild ? !FORBIDDEN_ONBUILD_TRIGGERS.has(keyword) : !beforeFirstFrom || keyword === 'FROM' || keyword === 'ARG');
  return TEMPLATES.filter((t) => allowed(t.keyword)).map((template, order) => {
    const item: CompletionItem = {
      label: template.label,
      kind: CompletionItemKind.Keyword,
      detail: template.detail,
      filterText: template.keyword,
      sortText: `${String(INSTRUCTION_KEYWORDS.indexOf(template.keyword as never)).padStart(2, '0')}${String(order).padStart(2, '0')}`,
      documentation: docOf(template.keyword),
      textEdit: snippets
        ? { range: replace, newText: template.snippet }
        : { range: replace, newText: `${template.keyword} ` },
      insertTextFormat: snippets ? InsertTextFormat.Snippet : InsertTextFormat.PlainText,
    };
    if (template.keyword === 'MAINTAINER') item.tags = [CompletionItemTag.Deprecated];
    return item;
  });
}

function docOf(keyword: string): { kind: 'markdown'; value: string } {
  const doc = INSTRUCTION_DOCS[keyword];
  return { kind: 'markdown', value: doc === undefined ? '' : `\`${doc.title}\`\n\n${doc.text}` };
}

/** Parser directives, snippets for their values; documentation from the hover tables. */
export const DIRECTIVE_SNIPPETS: Readonly<Record<string, string>> = {
  syntax: 'syntax=${1:docker/dockerfile:1}',
  escape: 'escape=${1|`,\\\\|}',
  check: 'check=${1|skip=,error=true,skip=all|}',
};
