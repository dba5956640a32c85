import { l10n } from '../locale/l10n';
import * as path from 'node:path';
import { buildModel } from '../model';
import type { RuntimeFamily } from '../multistage';
import { convertToMultiStage, RUNTIME_FAMILIES } from '../multistage';
import { contextOnDisk } from '../buildContext/contextOnDisk';

export interface ConvertOptions {
  readonly runtimeImage: string | undefined;
  readonly runtimeFamily: string;
  readonly stageName: string;
  readonly contextDir: string | undefined;
}

export type ConvertResult = { readonly ok: true; readonly text: string; readonly review: readonly string[] } | { readonly ok: false; readonly usage: boolean; readonly message: string };

export function convertFile(file: string, text: string, options: ConvertOptions): ConvertResult {
  if (!(RUNTIME_FAMILIES as readonly string[]).includes(options.runtimeFamily)) {
    return { ok: false, usage: true, message: l10n.t`--runtime-family must be one of ${RUNTIME_FAMILIES.join(', ')}` };
  }
  const model = buildModel({ uri: file, version: 0, text });
  const context = contextOnDisk(options.contextDir ?? path.dirname(path.resolve(file)));
  const result = convertToMultiStage(model, context, {
    runtimeFamily: options.runtimeFamily as RuntimeFamily,
    stageName: options.stageName,
    runtimeImage: options.runtimeImage,
  });
  if (!result.ok) return { ok: false, usage: false, message: l10n.t`nothing to gain from a multi-stage build: ${result.reason}` };
  return { ok: true, text: result.text, review: result.plan.needsReview ? result.plan.todos : [] };
}
