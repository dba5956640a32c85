import { l10n } from '../locale/l10n';
import type { CodeLens } from 'vscode-languageserver';
import { BUILD_IMAGE_COMMAND, RUN_WITH_VOLUME_COMMAND } from '../../../common/src/protocol';
import type { DockerfileModel } from '../model';

/**
 * "Build stage X" / "Run stage X…" above each FROM (a stage is built with `--target` and its image run, to look
 * inside a build stage), and "Build image" / "Run with volume…" above the final one, whose image is what a
 * build produces; they call the client's commands with the stage preselected.
 */
export function codeLenses(model: DockerfileModel): CodeLens[] {
  const last = model.stages.length - 1;
  return model.stages.flatMap((stage): CodeLens[] => {
    const range = stage.from.keywordRange;
    if (stage.index !== last) {
      const target = stage.nameToken?.value ?? String(stage.index);
      return [
        { range, command: { title: l10n.t`Build stage ${target}`, command: BUILD_IMAGE_COMMAND, arguments: [{ uri: model.uri, target }] } },
        { range, command: { title: l10n.t`Run stage ${target}…`, command: RUN_WITH_VOLUME_COMMAND, arguments: [{ uri: model.uri, target }] } },
      ];
    }
    return [
      { range, command: { title: l10n.t('Build image'), command: BUILD_IMAGE_COMMAND, arguments: [{ uri: model.uri }] } },
      { range, command: { title: l10n.t('Run with volume…'), command: RUN_WITH_VOLUME_COMMAND, arguments: [{ uri: model.uri }] } },
    ];
  });
}
