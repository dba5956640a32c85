/** Build arguments the builder defines without an `ARG` line in the global scope (usable in `FROM`). */
export const PLATFORM_ARGS = [
  'TARGETPLATFORM', 'TARGETOS', 'TARGETARCH', 'TARGETVARIANT',
  'BUILDPLATFORM', 'BUILDOS', 'BUILDARCH', 'BUILDVARIANT',
] as const;

/** Proxy arguments: passed with `--build-arg` they reach `RUN` without being declared, and never land in history. */
export const PROXY_ARGS = [
  'HTTP_PROXY', 'http_proxy', 'HTTPS_PROXY', 'https_proxy', 'FTP_PROXY', 'ftp_proxy',
  'NO_PROXY', 'no_proxy', 'ALL_PROXY', 'all_proxy',
] as const;

/** Arguments BuildKit reads to change its own behaviour. */
export const BUILDKIT_ARGS = [
  'BUILDKIT_CACHE_MOUNT_NS', 'BUILDKIT_CONTEXT_KEEP_GIT_DIR', 'BUILDKIT_INLINE_CACHE', 'BUILDKIT_MULTI_PLATFORM',
  'BUILDKIT_SANDBOX_HOSTNAME', 'BUILDKIT_SYNTAX', 'SOURCE_DATE_EPOCH',
] as const;

const platformArgSet: ReadonlySet<string> = new Set(PLATFORM_ARGS);

export function isPlatformArg(name: string): boolean {
  return platformArgSet.has(name);
}
