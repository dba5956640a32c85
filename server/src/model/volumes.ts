import * as path from 'node:path';
import type { DockerfileModel, InstructionModel } from './types';
import { workdirOf } from './runtime';

/**
 * Instructions after a VOLUME in the same stage that change files under its path. The builder discards
 * those changes (the volume's content is fixed when VOLUME runs), which surprises almost everyone.
 */
export function writesAfterVolume(model: DockerfileModel, volume: InstructionModel, target: string): InstructionModel[] {
  const stage = model.stages[volume.stageIndex];
  if (stage === undefined) return [];
  const root = target.replace(/\/+$/, '') || '/';
  const within = (candidate: string): boolean => {
    const normalized = path.posix.normalize(candidate).replace(/\/+$/, '') || '/';
    return normalized === root || normalized.startsWith(`${root}/`);
  };
  return stage.instructions.filter((instruction) => {
    if (instruction.index <= volume.index) return false;
    if (instruction.keyword === 'COPY' || instruction.keyword === 'ADD') {
      const destination = instruction.args.at(-1)?.value;
      if (destination === undefined || destination.startsWith('<<')) return false;
      const workdir = workdirOf(stage, instruction) ?? '/';
      return within(path.posix.isAbsolute(destination) ? destination : path.posix.join(workdir, destination));
    }
    return instruction.keyword === 'RUN' && new RegExp(`(^|[\\s='"])${root.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(/|[\\s'";&|]|$)`).test(instruction.argumentsText);
  });
}
