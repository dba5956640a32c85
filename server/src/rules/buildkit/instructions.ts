import { l10n } from '../../locale/l10n';
import type { KeyValue } from '../../model';
import type { Finding, Rule } from '../rule';
import { stagesToCheck } from '../rule';

export const maintainerDeprecated: Rule = {
  id: 'MaintainerDeprecated',
  local: true,
  aliases: ['DL4000'],
  defaultSeverity: 'warning',
  buildkit: true,
  get summary() { return l10n.t('MAINTAINER is deprecated; use a label.'); },
  check(model) {
    const found: Finding[] = [];
    for (const instruction of model.instructions) {
      if (instruction.keyword !== 'MAINTAINER') continue;
      const author = instruction.argumentsText.trim();
      found.push({
        range: instruction.range,
        message: l10n.t('The MAINTAINER instruction is deprecated; use a label to define an image author instead.'),
        deprecated: true,
        ...(instruction.range.start.line === instruction.range.end.line && author !== ''
          ? { fixes: [{ title: l10n.t('Replace with LABEL org.opencontainers.image.authors'), edits: [{ range: instruction.range, newText: `LABEL org.opencontainers.image.authors=${JSON.stringify(author)}` }] }] }
          : {}),
      });
    }
    return found;
  },
};

export const workdirRelativePath: Rule = {
  id: 'WorkdirRelativePath',
  aliases: ['DL3000'],
  defaultSeverity: 'warning',
  perStage: true,
  buildkit: true,
  get summary() { return l10n.t('A relative WORKDIR before any absolute one depends on the base image.'); },
  check(model, context) {
    const found: Finding[] = [];
    for (const stage of stagesToCheck(model, context)) {
      let absoluteSeen = stage.parentStageIndex !== undefined && stage.runtime.workdir.known;
      for (const instruction of stage.instructions) {
        if (instruction.keyword !== 'WORKDIR') continue;
        const target = instruction.args.map((a) => a.value).join(' ').replace(/^(["'])(.*)\1$/, '$2');
        if (target === '') continue; // MissingArguments reports it
        // `C:\src` is absolute to the Windows builder that builds a Windows image, relative to BuildKit on Linux.
        if (target.startsWith('/') || target.startsWith('$') || stage.runtime.isWindows) {
          absoluteSeen = true;
          continue;
        }
        if (absoluteSeen) continue;
        found.push({
          range: instruction.argumentsRange ?? instruction.range,
          message: l10n.t`Relative workdir "${target}" can have unexpected results if the base image changes: use an absolute path.`,
        });
      }
    }
    return found;
  },
};

function pairText(property: KeyValue): string {
  const value = property.value ?? '';
  return /[\s"'\\$]/.test(value) && !/^".*"$/.test(value) ? `${property.name}=${JSON.stringify(value)}` : `${property.name}=${value}`;
}

export const legacyKeyValueFormat: Rule = {
  id: 'LegacyKeyValueFormat',
  local: true,
  defaultSeverity: 'warning',
  buildkit: true,
  get summary() { return l10n.t('`ENV key value` / `LABEL key value` is the legacy form; write `key=value`.'); },
  check(model) {
    const found: Finding[] = [];
    for (const instruction of model.instructions) {
      if (instruction.keyword !== 'ENV' && instruction.keyword !== 'LABEL') continue;
      const legacy = instruction.properties.find((p) => p.legacySpaceForm);
      if (legacy === undefined) continue;
      const singleLine = legacy.range.start.line === legacy.range.end.line;
      found.push({
        range: legacy.range,
        message: l10n.t`"${instruction.keyword} key=value" should be used instead of legacy "${instruction.keyword} key value" format.`,
        ...(singleLine && legacy.value !== undefined && !legacy.value.includes('$')
          ? { fixes: [{ title: `Use ${legacy.name}=…`, edits: [{ range: legacy.range, newText: pairText(legacy) }] }] }
          : {}),
      });
    }
    return found;
  },
};

const SECRET = /(?:_|^)(?:apikey|auth|credential|credentials|key|password|pword|passwd|secret|token)(?:_|$)/i;
// BuildKit's only exception (checked against Docker 28.5: `FOO_KEY_FILE`, `KEY_PATH`, `APP_VERSION_TOKEN` and
// `GPG_KEY` are all reported).
const NOT_SECRET = /(?:_|^)public(?:_|$)/i;
// Names BuildKit reports that most often hold no secret: a file or path where a secret is read from at run time,
// or a GPG key's fingerprint (official images verify downloads with one). Reported all the same, as
// `docker build` will; the message says why it is likely harmless and how to silence it.
const LIKELY_REFERENCE = /(?:_|^)(?:file|path|dir|gpg|fingerprint)(?:_|$)/i;

export const secretsUsedInArgOrEnv: Rule = {
  id: 'SecretsUsedInArgOrEnv',
  local: true,
  defaultSeverity: 'warning',
  buildkit: true,
  get summary() { return l10n.t('ARG and ENV values are stored in the image: do not put secrets there.'); },
  check(model) {
    const found: Finding[] = [];
    for (const instruction of model.instructions) {
      if (instruction.keyword !== 'ARG' && instruction.keyword !== 'ENV') continue;
      for (const property of instruction.properties) {
        if (!SECRET.test(property.name) || NOT_SECRET.test(property.name)) continue;
        const message = LIKELY_REFERENCE.test(property.name)
          ? l10n.t`Do not use ARG or ENV instructions for sensitive data (${instruction.keyword} "${property.name}"). BuildKit reports every such name; this one looks like a file path or a public key fingerprint, which is no secret: if so, add \`# check=skip=SecretsUsedInArgOrEnv\` at the top of the file.`
          : l10n.t`Do not use ARG or ENV instructions for sensitive data (${instruction.keyword} "${property.name}"): its value is stored in the image. Use \`RUN --mount=type=secret\` instead.`;
        found.push({ range: property.nameRange, message });
      }
    }
    return found;
  },
};
