/**
 * Pure builders of container-CLI argument vectors. Nothing here builds a shell string: every value is one
 * argv element, so tags, paths and arguments cannot inject commands whatever they contain.
 */

export interface BuildOptions {
  readonly dockerfile: string;
  readonly context: string;
  readonly tag: string;
  readonly target?: string | undefined;
  readonly buildArgs?: Readonly<Record<string, string>>;
  readonly platform?: string | undefined;
  readonly noCache?: boolean;
  /** `--network` for RUN steps (`none`, `host`, `default`). */
  readonly network?: string | undefined;
  /**
   * Build through BuildKit's buildx (`docker buildx build --load`), on the named builder (docker-container and
   * remote builders too) or the current one; undefined: `docker build` (the classic path, and podman's).
   */
  readonly buildx?: { readonly builder?: string | undefined } | undefined;
}

export function buildArgv(options: BuildOptions): string[] {
  const argv = options.buildx === undefined
    ? ['build', '--file', options.dockerfile, '--tag', options.tag]
    // --load puts the image in the engine's store whatever the builder's driver; plain progress is what the
    // problem matcher reads.
    : ['buildx', 'build', ...(options.buildx.builder ? ['--builder', options.buildx.builder] : []), '--load', '--progress=plain', '--file', options.dockerfile, '--tag', options.tag];
  if (options.target) argv.push('--target', options.target);
  for (const [name, value] of Object.entries(options.buildArgs ?? {})) argv.push('--build-arg', `${name}=${value}`);
  if (options.platform) argv.push('--platform', options.platform);
  if (options.network) argv.push('--network', options.network);
  if (options.noCache) argv.push('--no-cache');
  argv.push(options.context);
  return argv;
}

export interface BindMount {
  readonly source: string;
  readonly target: string;
  readonly readOnly: boolean;
  /** SELinux relabelling (`z` shared, `Z` private); only the `-v` syntax can express it. */
  readonly selinux?: 'z' | 'Z' | undefined;
}

export interface PortMapping {
  readonly host: number;
  readonly container: number;
  readonly protocol?: 'tcp' | 'udp' | 'sctp';
}

export interface RunOptions {
  readonly image: string;
  readonly mounts?: readonly BindMount[];
  readonly ports?: readonly PortMapping[];
  /** Replace CMD. */
  readonly args?: readonly string[];
  readonly name?: string | undefined;
  readonly detach?: boolean;
  readonly remove?: boolean;
  readonly network?: string | undefined;
  readonly entrypoint?: string | undefined;
}

/**
 * One field of Docker's `--mount` value, which the CLI reads as CSV: a field containing a comma or a double
 * quote is wrapped in double quotes, with inner quotes doubled.
 */
export function csvField(field: string): string {
  return /[",\r\n]/.test(field) ? `"${field.replace(/"/g, '""')}"` : field;
}

export function mountSpec(mount: BindMount): string {
  const fields = ['type=bind', `source=${mount.source}`, `target=${mount.target}`];
  if (mount.readOnly) fields.push('readonly');
  return fields.map(csvField).join(',');
}

/** `-v` form, needed for SELinux labels; it splits on `:`, so it cannot carry a source that contains one. */
export function volumeSpec(mount: BindMount): string | undefined {
  if (/:/.test(mount.source.replace(/^[A-Za-z]:[\\/]/, '')) || mount.target.includes(':')) return undefined;
  const options = [mount.readOnly ? 'ro' : 'rw', ...(mount.selinux ? [mount.selinux] : [])];
  return `${mount.source}:${mount.target}:${options.join(',')}`;
}

export function runArgv(options: RunOptions): string[] {
  const argv = ['run'];
  if (options.detach) argv.push('--detach');
  if (options.remove) argv.push('--rm');
  if (options.name) argv.push('--name', options.name);
  if (options.network) argv.push('--network', options.network);
  if (options.entrypoint !== undefined) argv.push('--entrypoint', options.entrypoint);
  for (const mount of options.mounts ?? []) {
    const volume = mount.selinux ? volumeSpec(mount) : undefined;
    if (mount.selinux && volume === undefined) throw new Error(`SELinux relabelling needs the -v syntax, which cannot express the path ${mount.source}`);
    if (volume !== undefined) argv.push('--volume', volume);
    else argv.push('--mount', mountSpec(mount));
  }
  for (const port of options.ports ?? []) argv.push('--publish', `${port.host}:${port.container}/${port.protocol ?? 'tcp'}`);
  argv.push(options.image, ...(options.args ?? []));
  return argv;
}

/**
 * A host path as the engine expects it. Native Windows paths go as they are (Docker Desktop accepts
 * `C:\\Users\\me`); a WSL UNC path (`\\\\wsl$\\Ubuntu\\home\\me`) is the Linux path inside that distribution.
 */
export function hostPathForEngine(hostPath: string): string {
  const wsl = /^\\\\wsl(?:\$|\.localhost)\\[^\\]+(\\.*)?$/i.exec(hostPath);
  if (wsl) return (wsl[1] ?? '\\').replace(/\\/g, '/');
  return hostPath;
}

export const inspectContainerArgv = (container: string): string[] => ['inspect', '--type', 'container', container];
export const listContainersArgv = (): string[] => ['container', 'ls', '--all', '--no-trunc', '--format', '{{json .}}'];
export const listVolumesArgv = (): string[] => ['volume', 'ls', '--format', '{{json .}}'];
export const removeVolumeArgv = (name: string): string[] => ['volume', 'rm', name];
export const pruneVolumesArgv = (): string[] => ['volume', 'prune', '--force'];
export const inspectImageArgv = (image: string): string[] => ['image', 'inspect', image];
