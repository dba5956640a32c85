import { l10n } from '../locale/l10n';
/**
 * Value grammars of instruction flags, as the builder checks them. Each validator returns a message for a
 * bad value, or undefined when the value is acceptable.
 */

const GO_BOOLEANS: ReadonlySet<string> = new Set(['1', 't', 'T', 'TRUE', 'true', 'True', '0', 'f', 'F', 'FALSE', 'false', 'False']);

export function checkBoolean(value: string): string | undefined {
  return GO_BOOLEANS.has(value) ? undefined : l10n.t`expects \`true\` or \`false\`, not \`${value}\``;
}

const DURATION = /^([0-9]+(\.[0-9]*)?|\.[0-9]+)(ns|us|µs|ms|s|m|h)(([0-9]+(\.[0-9]*)?|\.[0-9]+)(ns|us|µs|ms|s|m|h))*$/;
const UNIT_NANOS: Readonly<Record<string, number>> = { ns: 1, us: 1e3, µs: 1e3, ms: 1e6, s: 1e9, m: 60e9, h: 3600e9 };

/** Go `time.ParseDuration` in nanoseconds, or undefined when the text is not a duration. */
export function parseGoDuration(text: string): number | undefined {
  if (text === '0') return 0;
  const negative = text.startsWith('-');
  const body = text.replace(/^[-+]/, '');
  if (!DURATION.test(body)) return undefined;
  let total = 0;
  for (const match of body.matchAll(/([0-9]*\.?[0-9]*)(ns|us|µs|ms|s|m|h)/g)) {
    total += Number(match[1]) * (UNIT_NANOS[match[2] ?? 's'] ?? 0);
  }
  return negative ? -total : total;
}

export function checkDuration(value: string): string | undefined {
  const nanos = parseGoDuration(value);
  if (nanos === undefined) return l10n.t`expects a duration such as \`30s\`, \`1m30s\` or \`500ms\`, not \`${value}\``;
  if (nanos < 0) return l10n.t('cannot be negative');
  if (nanos > 0 && nanos < 1e6) return l10n.t('cannot be less than 1ms');
  return undefined;
}

export function checkInteger(value: string): string | undefined {
  if (!/^[-+]?\d+$/.test(value)) return l10n.t`expects a whole number, not \`${value}\``;
  if (Number(value) < 0) return l10n.t('cannot be negative');
  return undefined;
}

export const NETWORK_MODES = ['default', 'none', 'host'] as const;
export const SECURITY_MODES = ['sandbox', 'insecure'] as const;
export const MOUNT_TYPES = ['bind', 'cache', 'tmpfs', 'secret', 'ssh'] as const;
export const CACHE_SHARING_MODES = ['shared', 'private', 'locked'] as const;

const TARGET_KEYS = ['target', 'dst', 'destination'];
const READONLY_KEYS = ['readonly', 'ro', 'readwrite', 'rw'];
const OWNER_KEYS = ['mode', 'uid', 'gid'];

/** Keys each mount type accepts (from BuildKit's `RUN --mount` parser). */
export const MOUNT_KEYS: Readonly<Record<(typeof MOUNT_TYPES)[number], readonly string[]>> = {
  bind: ['type', ...TARGET_KEYS, 'source', 'src', 'from', ...READONLY_KEYS],
  cache: ['type', ...TARGET_KEYS, 'source', 'src', 'from', 'id', 'sharing', ...READONLY_KEYS, ...OWNER_KEYS],
  tmpfs: ['type', ...TARGET_KEYS, 'size'],
  secret: ['type', ...TARGET_KEYS, 'id', 'required', 'env', ...OWNER_KEYS],
  ssh: ['type', ...TARGET_KEYS, 'id', 'required', ...OWNER_KEYS],
};

export interface MountOption {
  readonly name: string;
  readonly value: string | null;
}

/** Problems with one `--mount` value, each with the option it concerns (undefined: the whole flag). */
export function checkMount(options: readonly MountOption[]): { option: MountOption | undefined; message: string }[] {
  const problems: { option: MountOption | undefined; message: string }[] = [];
  const typeOption = options.find((o) => o.name.toLowerCase() === 'type');
  const type = (typeOption?.value ?? 'bind').toLowerCase();
  if (!(MOUNT_TYPES as readonly string[]).includes(type)) {
    if (!type.includes('$')) {
      problems.push({ option: typeOption, message: l10n.t`unknown mount type \`${type}\`; use one of ${MOUNT_TYPES.join(', ')}` });
    }
    return problems;
  }
  const allowed = MOUNT_KEYS[type as (typeof MOUNT_TYPES)[number]];
  for (const option of options) {
    const key = option.name.toLowerCase();
    if (!allowed.includes(key)) {
      problems.push({ option, message: l10n.t`\`${option.name}\` is not an option of a ${type} mount (options: ${allowed.filter((k) => k !== 'type').join(', ')})` });
    } else if (key === 'sharing' && option.value !== null && !option.value.includes('$')
      && !(CACHE_SHARING_MODES as readonly string[]).includes(option.value.toLowerCase())) {
      problems.push({ option, message: l10n.t`\`sharing\` must be one of ${CACHE_SHARING_MODES.join(', ')}` });
    } else if ((key === 'uid' || key === 'gid') && option.value !== null && !/^\d+$/.test(option.value) && !option.value.includes('$')) {
      problems.push({ option, message: l10n.t`\`${key}\` must be a number` });
    } else if (key === 'mode' && option.value !== null && !/^0?[0-7]{1,4}$/.test(option.value) && !option.value.includes('$')) {
      problems.push({ option, message: l10n.t('`mode` must be an octal number such as `0400`') });
    }
  }
  // A missing or relative target is resolved against WORKDIR by the builder; `/` itself is refused.
  const target = options.find((o) => ['target', 'dst', 'destination'].includes(o.name.toLowerCase()));
  if (target?.value !== null && target?.value !== undefined && /^\/+$/.test(target.value.trim())) {
    problems.push({ option: target, message: l10n.t('invalid mount target `/`: a mount cannot replace the root file system') });
  }
  return problems;
}

const OCTAL_MODE = /^[0-7]{3,4}$/;
const SYMBOLIC_MODE = /^[ugoa]*[-+=][rwxXst]*([,][ugoa]*[-+=][rwxXst]*)*$/;

export function checkChmod(value: string): string | undefined {
  if (value.includes('$') || OCTAL_MODE.test(value) || SYMBOLIC_MODE.test(value)) return undefined;
  return l10n.t`expects an octal mode such as \`755\` or a symbolic one such as \`u+x\`, not \`${value}\``;
}

const CHECKSUM = /^(sha256:[0-9a-fA-F]{64}|sha384:[0-9a-fA-F]{96}|sha512:[0-9a-fA-F]{128})$/;

export function checkChecksum(value: string): string | undefined {
  if (value.includes('$') || CHECKSUM.test(value)) return undefined;
  return l10n.t('expects `sha256:<64 hex digits>` (or sha384/sha512)');
}

export function checkOneOf(allowed: readonly string[]): (value: string) => string | undefined {
  return (value) => (value.includes('$') || allowed.includes(value.toLowerCase()) ? undefined : l10n.t`must be one of ${allowed.join(', ')}, not \`${value}\``);
}
