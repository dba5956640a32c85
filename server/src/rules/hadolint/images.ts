import type { Rule } from '../rule';

export const dl3002: Rule = {
  id: 'DL3002',
  defaultSeverity: 'warning',
  summary: 'The last USER should not be root.',
  *check(model) {
    const final = model.stages.at(-1);
    const user = final?.runtime.user.known ? final.runtime.user.value : undefined;
    if (user?.instruction === undefined || !/^(root|0)(:.*)?$/.test(user.value)) return;
    yield { range: user.instruction.range, message: 'The image runs as root: a compromised process owns the container. Switch to an unprivileged USER at the end.' };
  },
};

export const dl3006: Rule = {
  id: 'DL3006',
  defaultSeverity: 'warning',
  summary: 'Always tag the base image.',
  *check(model) {
    for (const stage of model.stages) {
      const ref = stage.baseImage;
      if (ref === undefined || ref.isScratch || ref.tag !== undefined || ref.digest !== undefined || stage.baseText.includes('$')) continue;
      yield { range: stage.baseRange ?? stage.from.range, message: `\`${stage.baseText}\` has no tag, so it means \`latest\`, whatever that is on the day of the build: pin a version.` };
    }
  },
};

export const dl3007: Rule = {
  id: 'DL3007',
  defaultSeverity: 'warning',
  summary: 'Do not use the `latest` tag.',
  *check(model) {
    for (const stage of model.stages) {
      if (stage.baseImage?.tag !== 'latest' || stage.baseImage.digest !== undefined) continue;
      yield { range: stage.baseRange ?? stage.from.range, message: '`:latest` changes under you: pin the version the image was tested with.' };
    }
  },
};

export const dl3020: Rule = {
  id: 'DL3020',
  defaultSeverity: 'warning',
  summary: 'Use COPY instead of ADD for files and folders.',
  *check(model) {
    for (const instruction of model.instructions) {
      if (instruction.keyword !== 'ADD' || instruction.heredocs.length > 0) continue;
      const sources = instruction.args.slice(0, -1).map((a) => a.value);
      if (sources.length === 0 || sources.some((s) => /^[a-z]+:\/\/|^git@|\.(tar|tgz|tar\.(gz|bz2|xz|zst))$|\.t[bgx]z$/i.test(s))) continue;
      yield {
        range: instruction.keywordRange,
        message: 'ADD of local files does what COPY does, plus surprises (it unpacks archives): use COPY.',
        fixes: [{ title: 'Use COPY', edits: [{ range: instruction.keywordRange, newText: instruction.keywordText === 'add' ? 'copy' : 'COPY' }] }],
      };
    }
  },
};
