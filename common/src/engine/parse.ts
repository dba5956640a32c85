/**
 * Validated views of the container CLI's JSON. Docker and Podman differ in details (Podman's `Mounts` have
 * no `Type` for some versions, its `ps` JSON is an array): what is missing becomes undefined, never a crash.
 */

export type MountType = 'bind' | 'volume' | 'tmpfs' | 'npipe' | 'image' | 'cluster' | 'unknown';

export interface MountView {
  readonly type: MountType;
  /** Volume name; for anonymous volumes the generated 64-hex id. */
  readonly name: string | undefined;
  readonly anonymous: boolean;
  readonly source: string;
  readonly destination: string;
  readonly readWrite: boolean;
  readonly mode: string;
  readonly propagation: string | undefined;
  readonly driver: string | undefined;
}

export interface ContainerView {
  readonly id: string;
  readonly name: string;
  readonly image: string;
  readonly state: string;
  readonly mounts: readonly MountView[];
  /** What the container's process is: `Path` followed by `Args`. */
  readonly command: readonly string[];
  readonly raw: unknown;
}

type Json = Record<string, unknown>;

/** A JSON object (not null, not an array): what the engine's answers are checked with before they are read. */
export const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);
const str = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);

const MOUNT_TYPES: readonly MountType[] = ['bind', 'volume', 'tmpfs', 'npipe', 'image', 'cluster'];

export function parseMount(value: unknown): MountView | undefined {
  if (!isObject(value)) return undefined;
  const destination = str(value['Destination']);
  if (destination === undefined) return undefined;
  const rawType = str(value['Type'])?.toLowerCase();
  const name = str(value['Name']) || undefined;
  const type: MountType = rawType !== undefined && (MOUNT_TYPES as readonly string[]).includes(rawType)
    ? rawType as MountType
    : name !== undefined ? 'volume' : rawType === undefined ? 'bind' : 'unknown';
  return {
    type,
    name,
    anonymous: type === 'volume' && name !== undefined && /^[0-9a-f]{64}$/.test(name),
    source: str(value['Source']) ?? '',
    destination,
    readWrite: value['RW'] !== false,
    mode: str(value['Mode']) ?? '',
    propagation: str(value['Propagation']) || undefined,
    driver: str(value['Driver']) || undefined,
  };
}

/** `docker inspect` output (an array) for one container. */
export function parseContainerInspect(stdout: string): ContainerView {
  let parsed: unknown;
  try {
    parsed = JSON.parse(stdout);
  } catch {
    throw new Error('the container CLI did not return JSON for inspect');
  }
  const first = Array.isArray(parsed) ? parsed[0] : parsed;
  if (!isObject(first)) throw new Error('inspect returned no container');
  const id = str(first['Id']);
  if (id === undefined) throw new Error('inspect returned an object without an Id');
  const config = isObject(first['Config']) ? first['Config'] : {};
  const state = isObject(first['State']) ? first['State'] : {};
  const mounts = Array.isArray(first['Mounts']) ? first['Mounts'].map(parseMount).filter((m): m is MountView => m !== undefined) : [];
  const args = Array.isArray(first['Args']) ? first['Args'].filter((a): a is string => typeof a === 'string') : [];
  return {
    id,
    name: (str(first['Name']) ?? '').replace(/^\//, ''),
    image: str(config['Image']) ?? str(first['Image']) ?? '',
    state: str(state['Status']) ?? '',
    mounts,
    command: [str(first['Path']) ?? '', ...args].filter((part, index) => index > 0 || part !== ''),
    raw: first,
  };
}

export interface ContainerSummary {
  readonly id: string;
  readonly names: string;
  readonly image: string;
  readonly state: string;
  readonly status: string;
  readonly createdAt: string;
}

/** `--format '{{json .}}'` listings: one JSON object per line (Docker) or one array (Podman). */
function jsonRecords(stdout: string): Json[] {
  const trimmed = stdout.trim();
  if (trimmed === '') return [];
  const items: unknown[] = trimmed.startsWith('[') ? JSON.parse(trimmed) as unknown[] : trimmed.split('\n').map((line) => JSON.parse(line) as unknown);
  return items.filter(isObject);
}

export function parseContainerList(stdout: string): ContainerSummary[] {
  return jsonRecords(stdout).map((item) => ({
    id: str(item['ID']) ?? str(item['Id']) ?? '',
    names: Array.isArray(item['Names']) ? item['Names'].filter((n): n is string => typeof n === 'string').join(',') : str(item['Names']) ?? '',
    image: str(item['Image']) ?? '',
    state: (str(item['State']) ?? '').toLowerCase(),
    status: str(item['Status']) ?? '',
    createdAt: str(item['CreatedAt']) ?? '',
  })).filter((c) => c.id !== '');
}

export interface VolumeSummary {
  readonly name: string;
  readonly driver: string;
  readonly anonymous: boolean;
}

export function parseVolumeList(stdout: string): VolumeSummary[] {
  return jsonRecords(stdout).map((item) => {
    const name = str(item['Name']) ?? '';
    return { name, driver: str(item['Driver']) ?? '', anonymous: /^[0-9a-f]{64}$/.test(name) };
  }).filter((v) => v.name !== '');
}

/** `image inspect`: what the image declares for the run dialog (volumes, workdir, exposed ports, command). */
export interface ImageConfigView {
  /** The image ID (`sha256:…`); empty when the engine did not say. */
  readonly id: string;
  /** `Config.Env`, as `NAME=value` strings split at the first `=`. */
  readonly env: ReadonlyMap<string, string>;
  readonly user: string | undefined;
  readonly shell: readonly string[] | null;
  readonly volumes: readonly string[];
  readonly workdir: string | undefined;
  readonly exposedPorts: readonly string[];
  readonly entrypoint: readonly string[] | null;
  readonly cmd: readonly string[] | null;
}

export function parseImageInspect(stdout: string): ImageConfigView {
  const parsed: unknown = JSON.parse(stdout);
  const first = Array.isArray(parsed) ? parsed[0] : parsed;
  const config = isObject(first) && isObject(first['Config']) ? first['Config'] : {};
  const strings = (value: unknown): string[] | null => (Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : null);
  const env = new Map<string, string>();
  for (const pair of strings(config['Env']) ?? []) {
    const at = pair.indexOf('=');
    if (at > 0) env.set(pair.slice(0, at), pair.slice(at + 1));
  }
  return {
    id: (isObject(first) ? str(first['Id']) : undefined) ?? '',
    env,
    user: str(config['User']) || undefined,
    shell: strings(config['Shell']),
    volumes: isObject(config['Volumes']) ? Object.keys(config['Volumes']) : [],
    workdir: str(config['WorkingDir']) || undefined,
    exposedPorts: isObject(config['ExposedPorts']) ? Object.keys(config['ExposedPorts']) : [],
    entrypoint: strings(config['Entrypoint']),
    cmd: strings(config['Cmd']),
  };
}
