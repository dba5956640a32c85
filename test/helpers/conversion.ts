import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { buildModel } from '../../server/src/model';
import type { DockerfileModel } from '../../server/src/model';
import type { Conversion, ConversionOptions } from '../../server/src/multistage';
import { DEFAULT_CONVERSION_OPTIONS, convertToMultiStage } from '../../server/src/multistage';
import { contextOnDisk } from '../../server/src/buildContext/contextOnDisk';
import { instructionText } from '../../server/src/multistage/plan';
import { runRules } from '../../server/src/rules/engine';

export function convertDockerfile(file: string, options: Partial<ConversionOptions> = {}): { model: DockerfileModel; conversion: Conversion } {
  const text = fs.readFileSync(file, 'utf8');
  const model = buildModel({ uri: file, version: 1, text });
  return { model, conversion: convertToMultiStage(model, contextOnDisk(path.dirname(file)), { ...DEFAULT_CONVERSION_OPTIONS, ...options }) };
}

/**
 * The refactoring's promises about its output: it parses without errors, has at least two stages, every
 * `COPY --from` names a stage that exists, every original comment is still there, and every original
 * instruction is kept, moved or repeated verbatim — or changed in a way the decision comment states.
 */
export function assertSoundConversion(original: DockerfileModel, conversion: Conversion): void {
  assert.ok(conversion.ok);
  const output = buildModel({ uri: 'converted', version: 1, text: conversion.text });
  const errors = runRules(output).filter((p) => p.severity === 'error');
  assert.deepEqual(errors.map((e) => `${e.ruleId}@${e.range.start.line + 1}: ${e.message}`), []);
  assert.ok(output.stages.length >= 2, 'at least two stages');
  for (const instruction of output.instructions) {
    for (const flag of instruction.flags) {
      if (flag.name === 'from' && flag.value !== null) assert.ok(output.stageByReference(flag.value), `COPY --from=${flag.value} names a stage`);
    }
  }
  for (const comment of original.comments) {
    const text = original.lines.slice(comment.range.start.line, comment.range.start.character, comment.range.end.line, comment.range.end.character);
    assert.ok(conversion.text.includes(text), `comment kept: ${text}`);
  }
  for (const directive of original.directives) {
    assert.equal(output.directives.find((d) => d.name === directive.name)?.range.start.line, directive.range.start.line, 'directives stay first');
  }
  assertFinalStageAccountsForLateFiles(original, conversion);
  const { disposition } = conversion.plan;
  for (const instruction of original.instructions) {
    const fate = disposition.get(instruction.index);
    assert.ok(fate !== undefined, `instruction on line ${instruction.range.start.line + 1} is accounted for`);
    if (fate !== 'modified') {
      assert.ok(conversion.text.includes(instructionText(original, instruction)), `line ${instruction.range.start.line + 1} (${fate}) appears verbatim`);
    } else {
      assert.match(conversion.text.split('\n').filter((l) => l.startsWith('#')).join('\n'), new RegExp(`line ${instruction.range.start.line + 1}\\b|CGO_ENABLED=0|maintainer`), `the change to line ${instruction.range.start.line + 1} is stated`);
    }
  }
}

/**
 * The property of issue #24: every file the original final stage got after its last build step — from COPY/ADD
 * (context, URL or another image) and from RUN steps — reaches the converted final stage (the same instruction
 * there, or inside a folder copied whole from the build stage), or a TODO names its line; and then the result
 * says it needs review.
 */
export function assertFinalStageAccountsForLateFiles(original: DockerfileModel, conversion: Conversion): void {
  assert.ok(conversion.ok);
  const { plan } = conversion;
  const finalStage = conversion.text.slice(conversion.text.lastIndexOf('\nFROM '));
  const stated = [...plan.notes, ...plan.todos].join('\n');
  for (const instruction of plan.analysis.stage.instructions) {
    if (instruction.index <= plan.analysis.lastBuildIndex || !['COPY', 'ADD', 'RUN'].includes(instruction.keyword)) continue;
    const line = instruction.range.start.line + 1;
    const carried = finalStage.includes(instructionText(original, instruction));
    const accounted = new RegExp(`\\bline ${line}\\b`).test(stated);
    assert.ok(carried || accounted, `line ${line} (${instruction.keyword}, after the last build step on line ${plan.analysis.lastBuildIndex >= 0 ? (original.instructions[plan.analysis.lastBuildIndex]?.range.start.line ?? 0) + 1 : '?'}) is neither in the final stage nor named by a note or TODO`);
  }
  if (plan.todos.length > 0) {
    assert.ok(plan.needsReview, 'TODOs make the result need review');
    assert.match(conversion.text, /NEEDS REVIEW/, 'and the top comment says so');
  }
}
