import { l10n } from '../../locale/l10n';
import { copyPaths } from '../walk';
import type { Finding, Rule } from '../rule';
import { stagesToCheck } from '../rule';
import { workdirOf } from '../../model';

export const dl3002: Rule = {
  id: 'DL3002',
  defaultSeverity: 'warning',
  get summary() { return l10n.t('The last USER should not be root.'); },
  check(model) {
    const found: Finding[] = [];
    const final = model.stages.at(-1);
    const user = final?.runtime.user.known ? final.runtime.user.value : undefined;
    if (user?.instruction === undefined || !/^(root|0)(:.*)?$/.test(user.value)) return found;
    found.push({ range: user.instruction.range, message: l10n.t('The image runs as root: a compromised process owns the container. Switch to an unprivileged USER at the end.') });
    return found;
  },
};

export const dl3006: Rule = {
  id: 'DL3006',
  defaultSeverity: 'warning',
  perStage: true,
  get summary() { return l10n.t('Always tag the base image.'); },
  check(model, context) {
    const found: Finding[] = [];
    for (const stage of stagesToCheck(model, context)) {
      const ref = stage.baseImage;
      if (ref === undefined || ref.isScratch || ref.tag !== undefined || ref.digest !== undefined || stage.baseText.includes('$')) continue;
      found.push({ range: stage.baseRange ?? stage.from.range, message: l10n.t`\`${stage.baseText}\` has no tag, so it means \`latest\`, whatever that is on the day of the build: pin a version.` });
    }
    return found;
  },
};

export const dl3007: Rule = {
  id: 'DL3007',
  defaultSeverity: 'warning',
  perStage: true,
  get summary() { return l10n.t('Do not use the `latest` tag.'); },
  check(model, context) {
    const found: Finding[] = [];
    for (const stage of stagesToCheck(model, context)) {
      if (stage.baseImage?.tag !== 'latest' || stage.baseImage.digest !== undefined) continue;
      found.push({ range: stage.baseRange ?? stage.from.range, message: l10n.t('`:latest` changes under you: pin the version the image was tested with.') });
    }
    return found;
  },
};

export const dl3020: Rule = {
  id: 'DL3020',
  local: true,
  defaultSeverity: 'warning',
  get summary() { return l10n.t('Use COPY instead of ADD for files and folders.'); },
  check(model) {
    const found: Finding[] = [];
    for (const instruction of model.instructions) {
      if (instruction.keyword !== 'ADD' || instruction.heredocs.length > 0) continue;
      const sources = instruction.args.slice(0, -1).map((a) => a.value);
      if (sources.length === 0 || sources.some((s) => /^[a-z]+:\/\/|^git@|\.(tar|tgz|tar\.(gz|bz2|xz|zst))$|\.t[bgx]z$/i.test(s))) continue;
      found.push({
        range: instruction.keywordRange,
        message: l10n.t('ADD of local files does what COPY does, plus surprises (it unpacks archives): use COPY.'),
        fixes: [{ title: l10n.t('Use COPY'), edits: [{ range: instruction.keywordRange, newText: instruction.keywordText === 'add' ? 'copy' : 'COPY' }] }],
      });
    }
    return found;
  },
};

export const dl3021: Rule = {
  id: 'DL3021',
  local: true,
  defaultSeverity: 'error',
  get summary() { return l10n.t('COPY with several sources needs a destination ending in `/`.'); },
  check(model) {
    const found: Finding[] = [];
    for (const instruction of model.instructions) {
      if ((instruction.keyword !== 'COPY' && instruction.keyword !== 'ADD') || instruction.heredocs.length > 0) continue;
      const { paths, fromJson } = copyPaths(instruction);
      const target = paths.at(-1);
      if (paths.length < 3 || target === undefined || /\/$|^\.\.?$/.test(target) || target.includes('$')) continue;
      // A Windows destination (`C:\app\`, or any in a Windows image) names a directory with its final `\`.
      if (target.endsWith('\\') && (/^[A-Za-z]:/.test(target) || model.stages[instruction.stageIndex]?.runtime.isWindows === true)) continue;
      const destination = fromJson ? { value: target, range: instruction.argumentsRange ?? instruction.range } : instruction.args.at(-1);
      if (destination === undefined) continue;
      found.push({
        range: destination.range,
        message: l10n.t`With more than one source, the destination must be a directory ending in \`/\`: the build fails on \`${destination.value}\`.`,
        ...(!fromJson ? { fixes: [{ title: `Use ${destination.value}/`, edits: [{ range: destination.range, newText: `${destination.value}/` }] }] } : {}),
      });
    }
    return found;
  },
};

export const dl3045: Rule = {
  id: 'DL3045',
  defaultSeverity: 'warning',
  perStage: true,
  get summary() { return l10n.t('COPY to a relative destination without a WORKDIR set.'); },
  check(model, context) {
    const found: Finding[] = [];
    for (const stage of stagesToCheck(model, context)) {
      for (const instruction of stage.instructions) {
        if (instruction.keyword !== 'COPY' && instruction.keyword !== 'ADD') continue;
        const { paths } = copyPaths(instruction);
        if (paths.length < 2) continue; // MissingArguments reports it
        const destination = paths.at(-1)?.replace(/^(["'])(.*)\1$/, '$2');
        if (destination === undefined || /^["'$\/]/.test(destination) || destination.includes('$') || /^[A-Za-z]:[\\/]/.test(destination) || stage.runtime.isWindows) continue;
        // Known working directory (set here, or from scratch / a parent stage): the destination is well defined.
        if (workdirOf(stage, instruction) !== undefined) continue;
        found.push({ range: instruction.args.at(-1)?.range ?? instruction.range, message: l10n.t`\`${destination}\` is relative, and no WORKDIR is set in this stage: where it lands depends on the base image. Set WORKDIR or use an absolute path.` });
      }
    }
    return found;
  },
};

const WGET = /(^|[\s;&|(])wget\s/;
const CURL = /(^|[\s;&|(])curl\s/;

export const dl4001: Rule = {
  id: 'DL4001',
  defaultSeverity: 'warning',
  perStage: true,
  get summary() { return l10n.t('Either wget or curl, not both.'); },
  check(model, context) {
    const found: Finding[] = [];
    for (const stage of stagesToCheck(model, context)) {
      const uses = (tool: RegExp) => stage.instructions.find((i) => i.keyword === 'RUN' && tool.test(i.argumentsText));
      const wget = uses(WGET);
      const curl = uses(CURL);
      if (wget === undefined || curl === undefined) continue;
      const later = wget.index > curl.index ? wget : curl;
      found.push({ range: later.range, message: l10n.t('This stage uses both wget and curl: installing and maintaining one is enough.') });
    }
    return found;
  },
};

export const dl3044: Rule = {
  id: 'DL3044',
  local: true,
  defaultSeverity: 'warning',
  get summary() { return l10n.t('ENV uses a variable it defines itself: the old value is used.'); },
  check(model) {
    const found: Finding[] = [];
    for (const instruction of model.instructions) {
      if (instruction.keyword !== 'ENV' || instruction.properties.length < 2) continue;
      for (const [index, property] of instruction.properties.entries()) {
        const earlier = new Set(instruction.properties.slice(0, index).map((p) => p.name));
        const reference = instruction.variables.find((v) => earlier.has(v.name) && property.valueRange !== undefined
          && v.range.start.line === property.valueRange.start.line && v.range.start.character >= property.valueRange.start.character
          && v.range.end.character <= property.valueRange.end.character);
        if (reference === undefined) continue;
        found.push({ range: reference.range, message: l10n.t`\`$${reference.name}\` is set in this same ENV: the builder substitutes the value from before the instruction. Split it into two ENV lines.` });
      }
    }
    return found;
  },
};

export const dl3059: Rule = {
  id: 'DL3059',
  // A hint, not info: consecutive RUNs are often deliberate (cache boundaries), and it is the most frequent finding.
  defaultSeverity: 'hint',
  perStage: true,
  quotesLines: true,
  get summary() { return l10n.t('Consecutive RUN instructions could be one layer.'); },
  check(model, context) {
    const found: Finding[] = [];
    for (const stage of stagesToCheck(model, context)) {
      for (let i = 1; i < stage.instructions.length; i++) {
        const previous = stage.instructions[i - 1];
        const current = stage.instructions[i];
        if (previous?.keyword !== 'RUN' || current?.keyword !== 'RUN') continue;
        if (previous.flags.length > 0 || current.flags.length > 0) continue; // different mounts or networks: keep apart
        const mergeable = previous.command?.form === 'shell' && current.command?.form === 'shell' && previous.heredocs.length === 0 && current.heredocs.length === 0
          && current.range.start.line === previous.range.end.line + 1 && current.argumentsRange !== null;
        const escape = model.escapeChar;
        found.push({
          range: current.keywordRange,
          message: l10n.t`Consecutive RUN instructions (lines ${previous.range.start.line + 1} and ${current.range.start.line + 1}) make two layers; joining them with \`&&\` makes one and keeps files deleted in the second out of the image.`,
          ...(mergeable && current.argumentsRange !== null ? {
            fixes: [{
              title: l10n.t('Join with the previous RUN (&&)'),
              edits: [
                { range: { start: previous.range.end, end: previous.range.end }, newText: ` && ${escape}` },
                { range: { start: { line: current.range.start.line, character: 0 }, end: current.argumentsRange.start }, newText: '    ' },
              ],
            }],
          } : {}),
        });
      }
    }
    return found;
  },
};
