import { Argument, Instruction } from 'dockerfile-ast';

/**
 * The split, kept on the instruction object itself. Not in a WeakMap: Node 20's scavenger keeps a WeakMap's
 * values alive while their keys are young, so every split (and what it pins) survived into old space.
 */
const SPLIT = Symbol('stagecraft.argumentSplit');

/** getRawArguments (flags included) is private in dockerfile-ast's typings. */
interface RawArguments { getRawArguments(): Argument[]; [SPLIT]?: Argument[] }

// Read once: the bundler reaches a CommonJS package's exports through getters, two per `new Argument` otherwise.
const ArgumentClass = Argument;
let installed = false;

/**
 * dockerfile-ast re-splits an instruction's text into arguments on every getArguments/getFlags/getHeredocs/
 * getProperties/getArgumentsContent call — three times while merely parsing a RUN, CMD, COPY… (the JSON-capable
 * instructions split in their constructor) and several more when the model reads it: most of the time to build
 * a model. The split depends only on the instruction's text, which this server never modifies through
 * dockerfile-ast, so it is done once per instruction, on the prototype so the parser's own calls share it.
 * Each caller still gets its own array of new Argument objects: some of dockerfile-ast's methods shift the
 * array, and From.getImageName replaces its argument's range start (found by this module's test).
 */
export function shareArgumentSplits(): void {
  if (installed) return;
  installed = true;
  const prototype = Instruction.prototype as unknown as RawArguments;
  const split = prototype.getRawArguments;
  if (typeof split !== 'function') return;
  prototype.getRawArguments = function sharedSplit(this: RawArguments): Argument[] {
    let args = this[SPLIT];
    if (args === undefined) this[SPLIT] = args = split.call(this);
    // A new Range per argument (From replaces its start/end); no dockerfile-ast code writes into a Position.
    return args.map((argument) => {
      const { start, end } = argument.getRange();
      return new ArgumentClass(argument.getValue(), { start, end });
    });
  };
}

/** An instruction's words as dockerfile-ast splits them, flags included (what its own getVariables reads). */
export function rawArgumentsOf(instruction: Instruction): Argument[] {
  return (instruction as unknown as RawArguments).getRawArguments();
}
