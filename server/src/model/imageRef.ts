/** A container image reference split the way the Docker distribution reference grammar splits it. */
export interface ImageReference {
  readonly raw: string;
  /** Registry host, as written; undefined means Docker Hub. */
  readonly registry: string | undefined;
  /** Repository path without registry, e.g. `library/golang` is written `golang`. */
  readonly repository: string;
  readonly tag: string | undefined;
  readonly digest: string | undefined;
  readonly isScratch: boolean;
}

export function parseImageReference(raw: string): ImageReference {
  let rest = raw;
  let digest: string | undefined;
  const at = rest.indexOf('@');
  if (at >= 0) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
  }
  let registry: string | undefined;
  const slash = rest.indexOf('/');
  if (slash > 0) {
    const first = rest.slice(0, slash);
    if (first.includes('.') || first.includes(':') || first === 'localhost') {
      registry = first;
      rest = rest.slice(slash + 1);
    }
  }
  let tag: string | undefined;
  const colon = rest.lastIndexOf(':');
  if (colon >= 0 && !rest.slice(colon).includes('/')) {
    tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
  }
  return { raw, registry, repository: rest, tag, digest, isScratch: raw.toLowerCase() === 'scratch' };
}

/** The last path component, lower-cased: `golang` for `docker.io/library/golang:1.22`. */
export function imageShortName(ref: ImageReference): string {
  const parts = ref.repository.split('/');
  return (parts[parts.length - 1] ?? '').toLowerCase();
}

const WINDOWS_IMAGE = /(^|\/)(windows|windowsservercore|nanoserver|servercore)(\/|:|@|$)|mcr\.microsoft\.com\/windows|(^|[-:])(ltsc20\d\d|nanoserver|windowsservercore)/i;

/** Windows base images run shell form through `cmd /S /C`; recognised by their well-known names. */
export function looksLikeWindowsImage(ref: ImageReference): boolean {
  return WINDOWS_IMAGE.test(ref.raw);
}
