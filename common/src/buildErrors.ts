/** A build failure located in the Dockerfile, read from the CLI's output. */
export interface BuildError {
  /** 0-based line, when the output says where. */
  readonly line: number | undefined;
  readonly message: string;
}

/**
 * Reads the three shapes of build failures: BuildKit's `Dockerfile:N` block followed by `ERROR: ...`, the
 * parser's `Dockerfile parse error line N: ...`, and the classic builder's `Step K/M : ...` followed by a
 * non-zero exit (step K is the K-th instruction, so `instructionLines` maps it to a line).
 */
export function parseBuildErrors(output: string, instructionLines: readonly number[] = []): BuildError[] {
  const errors: BuildError[] = [];
  const lines = output.split(/\r?\n/);
  let buildkitLine: number | undefined;
  let step: number | undefined;
  // BuildKit's check warnings (`#1 WARN: Rule: text (line N)`): a `# check=error=true` build fails on them with
  // no location of its own, so each becomes an error on its line.
  const checkWarnings = new Map<string, BuildError>();
  for (const raw of lines) {
    const line = raw.replace(/^#\d+\s+\d+(\.\d+)?\s+/, '').trim();
    const warned = /^#\d+ WARN: (\w+): (.*) \(line (\d+)\)$/.exec(line);
    if (warned) checkWarnings.set(`${warned[1] ?? ''}@${warned[3] ?? ''}`, { line: Number(warned[3]) - 1, message: `${warned[1] ?? ''}: ${warned[2] ?? ''}` });
    const violation = /^ERROR: (?:failed to (?:solve|build): )*lint violation found for rules: (.*)$/.exec(line);
    if (violation && checkWarnings.size > 0) {
      const rules = (violation[1] ?? '').split(/,\s*/);
      errors.push(...[...checkWarnings.values()].filter((w) => rules.some((r) => w.message.startsWith(`${r}:`))));
      continue;
    }
    const located = /^\S*(?:Dockerfile|Containerfile)\S*:(\d+)$/.exec(line);
    if (located) buildkitLine = Number(located[1]) - 1;
    const parse = /(?:Dockerfile )?parse error (?:on )?line (\d+): (.*)$/i.exec(line);
    if (parse) {
      errors.push({ line: Number(parse[1]) - 1, message: parse[2] ?? line });
      continue;
    }
    const stepMatch = /^Step (\d+)\/\d+ : /.exec(line);
    if (stepMatch) step = Number(stepMatch[1]);
    // Docker 28 says `ERROR: failed to build: failed to solve: ...`, earlier versions one of the two.
    const failed = /^ERROR: (?:failed to (?:solve|build): )*(.*)$/.exec(line) ?? /^(The command .* returned a non-zero code: \d+)$/.exec(line);
    if (failed) {
      const fromStep = step !== undefined ? instructionLines[step - 1] : undefined;
      errors.push({ line: buildkitLine ?? fromStep, message: failed[1] ?? line });
      buildkitLine = undefined;
    }
  }
  return errors;
}
