import type { DockerfileInfo } from '../../../common/src/protocol';
import type { DockerfileModel } from '../model';

export function dockerfileInfo(model: DockerfileModel): DockerfileInfo {
  const final = model.stages.at(-1);
  const runtime = final?.runtime;
  return {
    stages: model.stages.map((stage) => ({ index: stage.index, name: stage.nameToken?.value ?? null, base: stage.base.text, line: stage.from.range.start.line })),
    args: model.globalVariables.filter((v) => v.kind === 'arg').concat(model.stages.flatMap((s) => s.variables.filter((v) => v.kind === 'arg' && v.globalDefinition === undefined)))
      .filter((v, index, all) => all.findIndex((o) => o.name === v.name) === index)
      .map((v) => ({ name: v.name, defaultValue: v.rawValue ?? null })),
    instructionLines: model.instructions.map((i) => i.range.start.line),
    final: runtime === undefined ? null : {
      volumes: runtime.volumes.map((v) => v.value),
      workdir: runtime.workdir.known ? runtime.workdir.value?.value ?? null : null,
      exposedPorts: runtime.exposedPorts.map((p) => p.value),
      cmd: runtime.cmd.known ? runtime.cmd.value?.argv ?? null : null,
    },
  };
}
