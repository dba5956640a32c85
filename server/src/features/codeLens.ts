import type { CodeLens } from 'vscode-languageserver';
import { BUILD_IMAGE_COMMAND, RUN_WITH_VOLUME_COMMAND } from '../../../common/src/protocol';
import type { DockerfileModel } from '../model';

/** "Build this stage" and "Run" above each FROM; they call the client's commands with the stage preselected. */
export function codeLenses(model: DockerfileModel): CodeLens[] {
  const last = model.stages.length - 1;
  return model.stages.flatMap((stage) => {
    const range = stage.from.keywordRange;
    const target = stage.nameToken?.value ?? (stage.index === last ? undefined : String(stage.index));
    return [
      { range, command: { title: stage.index === last ? 'Build image' : `Build stage ${stage.nameToken?.value ?? stage.index}`, command: BUILD_IMAGE_COMMAND, arguments: [{ uri: model.uri, ...(target !== undefined && stage.index !== last ? { target } : {}) }] } },
      { range, command: { title: 'Run with volume…', command: RUN_WITH_VOLUME_COMMAND, arguments: [{ uri: model.uri, ...(stage.index !== last && target !== undefined ? { target } : {}) }] } },
    ];
  });
}
