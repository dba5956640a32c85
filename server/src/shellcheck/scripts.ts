import type { DockerfileModel, InstructionModel, StageModel } from '../model';
import { DEFAULT_LINUX_SHELL } from '../model/runtime';

/** The dialects ShellCheck checks (`--shell=`); ash and busybox sh are checked as sh, as hadolint does. */
export type ShellDialect = 'sh' | 'bash' | 'dash' | 'ksh';

/**
 * The shell script one RUN hands to a shell, as the builder hands it, and where each of its characters is in
 * the Dockerfile: `base + offsets[i]` is the document offset (UTF-16) of `text[i]`, and `base +
 * offsets[text.length]` the offset just after the last character. The offsets are relative to the instruction's
 * start, so they hold while the instruction moves with the lines above it (see `placeInPlace`).
 */
export interface RunScript {
  readonly instruction: InstructionModel;
  readonly dialect: ShellDialect;
  readonly text: string;
  readonly base: number;
  readonly offsets: readonly number[];
  /** `dialect` and `text`: ShellCheck's verdicts are kept by this. */
  readonly key: string;
}

/** What a RUN's own text decides; the stage's SHELL decides the rest (`dialect: 'stage'`). */
interface Extracted {
  readonly text: string;
  readonly offsets: readonly number[];
  readonly dialect: ShellDialect | 'stage';
}

const DIALECTS: Readonly<Record<string, ShellDialect>> = { sh: 'sh', ash: 'sh', busybox: 'sh', dash: 'dash', bash: 'bash', ksh: 'ksh', mksh: 'ksh', ksh93: 'ksh' };

/** The dialect of a shell program (`/bin/bash`, `sh`, `C:\\…\\bash.exe`); undefined for PowerShell, cmd, zsh, python… */
export function dialectOf(program: string | undefined): ShellDialect | undefined {
  const name = (program ?? '').split(/[\\/]/).at(-1)?.replace(/\.exe$/i, '').toLowerCase() ?? '';
  return Object.hasOwn(DIALECTS, name) ? DIALECTS[name] : undefined;
}

/** The SHELL a stage starts with: its parent stage's, else the default (none known for a Windows image: cmd). */
function initialShell(model: DockerfileModel, stage: StageModel): readonly string[] | undefined {
  const parent = stage.parentStageIndex === undefined ? undefined : model.stages[stage.parentStageIndex];
  if (parent !== undefined) return parent.runtime.shell.known ? parent.runtime.shell.value.value : DEFAULT_LINUX_SHELL;
  // A Windows image runs cmd by default; an external base that set another SHELL is rare and cannot be known here.
  return stage.runtime.isWindows ? undefined : DEFAULT_LINUX_SHELL;
}

/** Text with the document offset of each character; built by appending pieces of the document. */
class MappedText {
  text = '';
  readonly offsets: number[] = [];

  /** Appends document text [from, to) of the model's text. */
  appendDocument(source: string, from: number, to: number): void {
    this.text += source.slice(from, to);
    for (let offset = from; offset < to; offset++) this.offsets.push(offset);
  }

  /** Appends a character that stands at `offset` in the document (a newline that joins two parts). */
  appendAt(character: string, offset: number): void {
    this.text += character;
    this.offsets.push(offset);
  }

  finish(endOffset: number): { text: string; offsets: number[] } {
    return { text: this.text, offsets: [...this.offsets, endOffset] };
  }
}

/**
 * The instruction's logical line from (line, character) as the builder joins it: a line ending in the escape
 * character (not itself escaped, BuildKit's rule) continues on the next, the escape and the line break removed;
 * empty and comment lines inside a continuation are dropped.
 */
function logicalLine(model: DockerfileModel, line: number, character: number): { mapped: MappedText; lastLine: number } {
  const { lines, escapeChar } = model;
  const e = escapeChar === '`' ? '`' : '\\\\';
  const continues = new RegExp(`(^|[^${e}])${e}[ \\t]*$`);
  const mapped = new MappedText();
  let from = character;
  for (;;) {
    const text = lines.lineText(line);
    const start = lines.offsetAt(line, 0);
    const match = continues.exec(text);
    if (match === null || line + 1 >= lines.lineCount) {
      mapped.appendDocument(model.text, start + from, start + text.length);
      return { mapped, lastLine: line };
    }
    mapped.appendDocument(model.text, start + from, start + match.index + (match[1] ?? '').length);
    line++;
    while (line + 1 < lines.lineCount && /^\s*(#.*)?$/.test(lines.lineText(line))) line++;
    from = 0;
  }
}

/** BuildKit runs a RUN whose whole command is one heredoc word as a script of its own (its body). */
const LONE_HEREDOC = /^\s*\d*<<-?\s*(["']?)[^\s"'<>|&;]+\1\s*$/;

/** Appends whole document lines [first, last], each with its line break (the last one's too). */
function appendLines(model: DockerfileModel, mapped: MappedText, first: number, last: number, stripTabs: boolean): void {
  for (let line = first; line <= last; line++) {
    const text = model.lines.lineText(line);
    const start = model.lines.offsetAt(line, 0);
    const skip = stripTabs ? /^\t*/.exec(text)?.[0].length ?? 0 : 0;
    mapped.appendDocument(model.text, start + skip, start + text.length);
    mapped.appendAt('\n', start + text.length);
  }
}

/** A lone heredoc's interpreter: its shebang's shell, `none` for another program, `stage` without a shebang. */
function shebangDialect(body: string): ShellDialect | 'stage' | 'none' {
  const shebang = /^#!\s*(\S+)(?:[ \t]+(\S+))?/.exec(body);
  if (shebang === null) return 'stage';
  const program = dialectOf(shebang[1]) === undefined && /(^|\/)env$/.test(shebang[1] ?? '') ? shebang[2] : shebang[1];
  return dialectOf(program) ?? 'none';
}

/** Shell form: the logical line, or the heredoc bodies as the builder hands them to the shell. Offsets absolute. */
function shellFormScript(model: DockerfileModel, instruction: InstructionModel): Extracted | undefined {
  const start = instruction.argumentsRange?.start;
  if (start === undefined) return undefined;
  const { mapped, lastLine } = logicalLine(model, start.line, start.character);
  const { heredocs } = instruction;
  const endOffset = (line: number): number => model.lines.offsetAt(line, model.lines.lineText(line).length);
  if (heredocs.length === 0) return { ...mapped.finish(endOffset(lastLine)), dialect: 'stage' };
  // A body still being typed (no terminator yet) is not a script the builder would run.
  if (heredocs.some((heredoc) => heredoc.terminatorRange === null)) return undefined;
  const lastHeredocLine = Math.max(...heredocs.map((heredoc) => heredoc.terminatorRange?.end.line ?? lastLine));
  const only = heredocs[0];
  if (heredocs.length === 1 && only !== undefined && LONE_HEREDOC.test(mapped.text)) {
    if (only.contentRange === null) return undefined;
    const body = new MappedText();
    appendLines(model, body, only.contentRange.start.line, only.contentRange.end.line, only.stripsTabs);
    const dialect = shebangDialect(body.text);
    if (dialect === 'none') return undefined;
    return { ...body.finish(endOffset(only.contentRange.end.line)), dialect };
  }
  // The builder hands the shell the command line, then each body and its terminator: the shell reads the heredocs.
  mapped.appendAt('\n', endOffset(lastLine));
  appendLines(model, mapped, lastLine + 1, lastHeredocLine, false);
  const { text, offsets } = mapped.finish(endOffset(lastHeredocLine));
  return { text: text.slice(0, -1), offsets: [...offsets.slice(0, -2), endOffset(lastHeredocLine)], dialect: 'stage' };
}

const JSON_ESCAPES: Readonly<Record<string, string>> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };

/**
 * `RUN ["bash", "-c", "script"]`: the string after the shell's `-c` option, decoded, each character mapped to
 * where it is written (an escape to its backslash).
 */
function execFormScript(model: DockerfileModel, instruction: InstructionModel): Extracted | undefined {
  const argv = instruction.command?.argv ?? [];
  const dialect = dialectOf(argv[0]);
  const option = argv.findIndex((arg, index) => index > 0 && /^-[A-Za-z]*c[A-Za-z]*$/.test(arg));
  const start = instruction.argumentsRange?.start;
  if (dialect === undefined || option < 0 || option + 1 >= argv.length || start === undefined) return undefined;
  const { mapped } = logicalLine(model, start.line, start.character);
  const line = mapped.text;
  let index = line.indexOf('[') + 1;
  for (let element = 0; index > 0 && index < line.length; element++) {
    while (index < line.length && line[index] !== '"') index++;
    index++;
    const script = new MappedText();
    while (index < line.length && line[index] !== '"') {
      const at = mapped.offsets[index] ?? 0;
      if (line[index] === '\\') {
        const escaped = line[index + 1] ?? '';
        if (escaped === 'u') {
          script.appendAt(String.fromCharCode(Number.parseInt(line.slice(index + 2, index + 6), 16)), at);
          index += 6;
        } else {
          script.appendAt(JSON_ESCAPES[escaped] ?? escaped, at);
          index += 2;
        }
      } else {
        script.appendAt(line[index] ?? '', at);
        index++;
      }
    }
    if (element === option + 1) {
      const { text, offsets } = script.finish(mapped.offsets[index] ?? 0);
      return text === argv[option + 1] ? { text, offsets, dialect } : undefined;
    }
    index++;
  }
  return undefined;
}

/** What each RUN's own text gives, kept while the instruction object serves new versions (see `placeInPlace`). */
const extracted = new WeakMap<InstructionModel, { readonly escapeChar: string; readonly script: Extracted | undefined }>();

function extract(model: DockerfileModel, instruction: InstructionModel, command: NonNullable<InstructionModel['command']>): Extracted | undefined {
  const known = extracted.get(instruction);
  if (known !== undefined && known.escapeChar === model.escapeChar) return known.script;
  const found = command.form === 'exec' && !command.invalidJson ? execFormScript(model, instruction) : shellFormScript(model, instruction);
  // Relative to the instruction's start: valid wherever the unchanged instruction moves.
  const start = model.lines.offsetAt(instruction.range.start.line, instruction.range.start.character);
  const script = found === undefined || found.text.trim() === '' ? undefined : { ...found, offsets: found.offsets.map((offset) => offset - start) };
  extracted.set(instruction, { escapeChar: model.escapeChar, script });
  return script;
}

/**
 * Every RUN script of the file a POSIX-family shell runs, with its dialect (the SHELL in force, a lone heredoc's
 * shebang, an exec form's program); PowerShell, cmd, non-shell interpreters and Windows images' default are left out.
 */
export function runScripts(model: DockerfileModel): RunScript[] {
  const scripts: RunScript[] = [];
  for (const stage of model.stages) {
    let shell = initialShell(model, stage);
    for (const instruction of stage.instructions) {
      const { command } = instruction;
      if (command === undefined) continue;
      if (instruction.keyword === 'SHELL' && command.form === 'exec' && command.argv.length > 0) shell = command.argv;
      if (instruction.keyword !== 'RUN') continue;
      const script = extract(model, instruction, command);
      const dialect = script?.dialect === 'stage' ? dialectOf(shell?.[0]) : script?.dialect;
      if (script === undefined || dialect === undefined) continue;
      const base = model.lines.offsetAt(instruction.range.start.line, instruction.range.start.character);
      scripts.push({ instruction, dialect, text: script.text, base, offsets: script.offsets, key: `${dialect}\0${script.text}` });
    }
  }
  return scripts;
}
