import * as path from 'node:path';
import type { ContextFiles } from './contextFiles';
import { objectCache } from '../model/objectCache';

interface Pattern {
  readonly regex: RegExp;
  readonly exclusion: boolean;
  readonly text: string;
}

/**
 * .dockerignore as the builder reads it: one pattern per line, `#` comments, `!` re-includes, `**` any
 * number of directories, paths relative to the context root, and a pattern that matches a directory
 * excludes everything below it. The last matching pattern decides.
 */
export class DockerIgnore {
  private readonly patterns: Pattern[];

  constructor(text: string) {
    this.patterns = text.split(/\r?\n/).map((line) => line.trim()).filter((line) => line !== '' && !line.startsWith('#')).map((line) => {
      const exclusion = line.startsWith('!');
      const cleaned = path.posix.normalize((exclusion ? line.slice(1) : line).trim().replace(/^\/+/, '')).replace(/\/+$/, '');
      return { regex: toRegex(cleaned), exclusion, text: line };
    });
  }

  /** The pattern that excludes `relativePath` (or one of its parent directories), or undefined when it is kept. */
  excludedBy(relativePath: string): string | undefined {
    const target = path.posix.normalize(relativePath.replace(/^\.\//, '').replace(/^\/+/, ''));
    const parts = target.split('/');
    let decision: Pattern | undefined;
    for (const pattern of this.patterns) {
      for (let depth = 1; depth <= parts.length; depth++) {
        if (pattern.regex.test(parts.slice(0, depth).join('/'))) {
          decision = pattern;
          break;
        }
      }
    }
    return decision !== undefined && !decision.exclusion ? decision.text : undefined;
  }
}

function toRegex(pattern: string): RegExp {
  let source = '';
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i] as string;
    if (ch === '*' && pattern[i + 1] === '*') {
      source += pattern[i + 2] === '/' ? '(?:.*/)?' : '.*';
      i += pattern[i + 2] === '/' ? 2 : 1;
    } else if (ch === '*') {
      source += '[^/]*';
    } else if (ch === '?') {
      source += '[^/]';
    } else if (ch === '[') {
      const end = pattern.indexOf(']', i);
      if (end < 0) source += '\\[';
      else {
        source += `[${pattern.slice(i + 1, end).replace(/^!/, '^')}]`;
        i = end;
      }
    } else {
      source += ch.replace(/[.+^${}()|\\]/g, '\\$&');
    }
  }
  return new RegExp(`^${source}$`);
}

/**
 * Read and parsed once per context object: checks share one for 2 s (`contextForCheck`), and two rules ask — without
 * this, every check read the file from disk and parsed it twice.
 */
const readIgnores = objectCache<ContextFiles, Map<string, DockerIgnore | undefined>>('dockerignore files');

/** BuildKit prefers `<Dockerfile name>.dockerignore` beside the Dockerfile, then the context's `.dockerignore`. */
export function dockerIgnoreFor(dockerfileUri: string, files: ContextFiles | undefined): DockerIgnore | undefined {
  if (files === undefined) return undefined;
  const name = path.posix.basename(dockerfileUri);
  let byName = readIgnores.get(files);
  if (byName === undefined) readIgnores.set(files, (byName = new Map()));
  if (!byName.has(name)) {
    const text = files.read(`${name}.dockerignore`) ?? files.read('.dockerignore');
    byName.set(name, text === undefined ? undefined : new DockerIgnore(text));
  }
  return byName.get(name);
}
