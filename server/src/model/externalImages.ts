import type { DockerfileModel } from './types';

/** The external images the stages start from, as the builder names them with the global ARGs' defaults. */
export function externalBaseImages(model: DockerfileModel): string[] {
  const names = new Set<string>();
  for (const stage of model.stages) {
    if (stage.parentStageIndex === undefined && stage.base.exact && stage.baseImage?.isScratch !== true && stage.base.text !== '') names.add(stage.base.text);
  }
  return [...names];
}
