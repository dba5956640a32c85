import { isObject } from './parse';

/**
 * BuildKit's build checks as `docker build --check` runs them (`docker buildx build --call=check,format=json`):
 * the argv, and a validated reading of its JSON. Lines are BuildKit's, 1-based, of the instruction it points at.
 */

export interface BuildkitCheckWarning {
  readonly rule: string;
  /** 1-based; 0 when BuildKit gives no location. */
  readonly line: number;
  readonly detail: string;
  readonly url: string | undefined;
}

export interface BuildkitCheckReport {
  readonly warnings: readonly BuildkitCheckWarning[];
  /** Why BuildKit refused the Dockerfile before running a step; undefined when it accepted it. */
  readonly error: { readonly message: string; readonly line: number } | undefined;
}

export function buildkitCheckArgv(dockerfile: string, context: string): string[] {
  return ['buildx', 'build', '--progress=quiet', '--call=check,format=json', '--file', dockerfile, context];
}

function firstLine(location: unknown): number {
  const ranges = isObject(location) ? location['ranges'] : undefined;
  const first: unknown = Array.isArray(ranges) ? ranges[0] : undefined;
  const start = isObject(first) ? first['start'] : undefined;
  const line = isObject(start) ? start['line'] : undefined;
  return typeof line === 'number' && Number.isInteger(line) && line > 0 ? line : 0;
}

/** The check's JSON from the CLI's stdout (progress may precede it); throws when there is none. */
export function parseBuildkitCheck(stdout: string): BuildkitCheckReport {
  const start = stdout.indexOf('{');
  if (start < 0) throw new Error('BuildKit printed no check result');
  const parsed: unknown = JSON.parse(stdout.slice(start));
  if (!isObject(parsed)) throw new Error('BuildKit\'s check result is not an object');
  const warnings: BuildkitCheckWarning[] = [];
  for (const raw of Array.isArray(parsed['warnings']) ? parsed['warnings'] : []) {
    if (!isObject(raw) || typeof raw['ruleName'] !== 'string') continue;
    warnings.push({
      rule: raw['ruleName'],
      line: firstLine(raw['location']),
      detail: typeof raw['detail'] === 'string' ? raw['detail'] : typeof raw['description'] === 'string' ? raw['description'] : raw['ruleName'],
      url: typeof raw['url'] === 'string' ? raw['url'] : undefined,
    });
  }
  const buildError = parsed['buildError'];
  const error = isObject(buildError)
    ? { message: typeof buildError['message'] === 'string' ? buildError['message'] : 'the build fails', line: firstLine(buildError['location']) }
    : undefined;
  return { warnings, error };
}
