export { buildModel } from './build';
export type { ModelSource } from './build';
export * from './types';
export { expandVariables } from './expand';
export { parseImageReference, imageShortName } from './imageRef';
export type { ImageReference } from './imageRef';
export { toCliPosition, rangeContains, comparePositions } from './positions';
export type { Position, Range, CliPosition } from './positions';
