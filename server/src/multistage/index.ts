import type { DockerfileModel } from '../model';
import type { TextEdit } from '../rules/rule';
import { analyze } from './analysis';
import type { ContextFiles } from './artifacts';
import type { ConversionOptions, ConversionPlan } from './plan';
import { planConversion } from './plan';
import { applyEdits } from './edits';
import { renderEdits } from './render';

export type { ContextFiles } from './artifacts';
export { NO_CONTEXT } from '../buildContext/contextFiles';
export type { ConversionOptions, ConversionPlan } from './plan';
export { DEFAULT_CONVERSION_OPTIONS } from './plan';
export type { RuntimeFamily } from './runtimeBase';
export { RUNTIME_FAMILIES } from './runtimeBase';

export type Conversion =
  | { readonly ok: true; readonly plan: ConversionPlan; readonly edits: readonly TextEdit[]; readonly text: string }
  | { readonly ok: false; readonly reason: string };

/** Detect → plan → render: the whole "convert to multi-stage build" refactoring for one model. */
export function convertToMultiStage(model: DockerfileModel, context: ContextFiles, options: ConversionOptions): Conversion {
  const analysis = analyze(model);
  if (!analysis.ok) return { ok: false, reason: analysis.reason };
  const plan = planConversion(model, analysis.analysis, context, options);
  const edits = renderEdits(model, plan);
  return { ok: true, plan, edits, text: applyEdits(model.text, edits, model) };
}
