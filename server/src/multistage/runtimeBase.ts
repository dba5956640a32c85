import { l10n } from '../locale/l10n';
import type { ImageReference } from '../model';
import type { Analysis } from './analysis';

export type RuntimeFamily = 'alpine' | 'distroless' | 'scratch' | 'slim';
export const RUNTIME_FAMILIES: readonly RuntimeFamily[] = ['alpine', 'distroless', 'scratch', 'slim'];

export const ALPINE_IMAGE = 'alpine:3.20';

export interface RuntimeChoice {
  readonly image: string;
  readonly why: string;
  /** Whether the image has /bin/sh, which shell-form ENTRYPOINT/CMD need. */
  readonly hasShell: boolean;
  /** The image to fall back to when a shell is needed and `image` has none. */
  readonly withShell: string;
}

function debianCodename(ref: ImageReference): string {
  return /(bookworm|bullseye|buster|trixie)/.exec(ref.tag ?? '')?.[1] ?? 'bookworm';
}

function isAlpine(ref: ImageReference): boolean {
  return /alpine/.test(ref.tag ?? '') || ref.repository.endsWith('alpine');
}

function majorVersion(ref: ImageReference): string | undefined {
  return /^(\d+(\.\d+)?)/.exec(ref.tag ?? '')?.[1];
}

/** A slim image of the builder's distribution and libc, for binaries that link dynamically. */
function sameFamilySlim(ref: ImageReference, family: RuntimeFamily): RuntimeChoice {
  if (isAlpine(ref)) return { image: ALPINE_IMAGE, why: l10n.t('the builder is Alpine (musl), so the binary needs an Alpine runtime'), hasShell: true, withShell: ALPINE_IMAGE };
  if (/ubuntu|centos|fedora|rockylinux|almalinux|amazonlinux/.test(ref.repository)) {
    return { image: ref.raw, why: l10n.t`the binary links against ${ref.repository}'s libraries, so the runtime is the same distribution without the build tools`, hasShell: true, withShell: ref.raw };
  }
  const slim = `debian:${debianCodename(ref)}-slim`;
  if (family === 'distroless') {
    return { image: 'gcr.io/distroless/cc-debian12', why: l10n.t('a dynamically linked binary needs glibc: distroless/cc has it and nothing else'), hasShell: false, withShell: slim };
  }
  return { image: slim, why: l10n.t`the binary links against glibc, so the runtime is ${slim}, the same Debian release without the toolchain`, hasShell: true, withShell: slim };
}

/** Picks the final stage's base image for a toolchain, its build output and the preferred family. */
export function chooseRuntime(analysis: Analysis, family: RuntimeFamily, override: string | undefined): RuntimeChoice {
  const ref = analysis.stage.baseImage as ImageReference;
  if (override !== undefined) {
    const hasShell = !/^scratch$|distroless/.test(override);
    return { image: override, why: l10n.t('chosen with --runtime-image'), hasShell, withShell: hasShell ? override : ALPINE_IMAGE };
  }
  const version = majorVersion(ref);
  switch (analysis.toolchain.id) {
    case 'go':
      if (!analysis.cgo.needed) {
        switch (family) {
          case 'scratch':
            return { image: 'scratch', why: l10n.t('a static Go binary needs nothing else (no libc, no shell)'), hasShell: false, withShell: ALPINE_IMAGE };
          case 'distroless':
            return { image: 'gcr.io/distroless/static-debian12', why: l10n.t('a static Go binary needs only CA certificates and time zones, which distroless/static has'), hasShell: false, withShell: ALPINE_IMAGE };
          case 'slim':
            return sameFamilySlim(ref, 'slim');
          case 'alpine':
            return { image: ALPINE_IMAGE, why: l10n.t('a static Go binary needs no libc; Alpine adds a shell for debugging in a few MB'), hasShell: true, withShell: ALPINE_IMAGE };
        }
      }
      return sameFamilySlim(ref, family);
    case 'rust':
    case 'c':
      return sameFamilySlim(ref, family);
    case 'node': {
      const major = version?.split('.')[0] ?? (/^(lts|current)/.exec(ref.tag ?? '')?.[1]) ?? 'lts';
      const image = `node:${major}-${family === 'alpine' && isAlpine(ref) ? 'alpine' : 'slim'}`;
      return { image, why: l10n.t`the same Node.js ${major} without compilers and build tools`, hasShell: true, withShell: image };
    }
    case 'java': {
      const jdk = /(?:jdk|temurin|openjdk)[-_]?(\d+)/.exec(ref.raw)?.[1] ?? (ref.repository.endsWith('openjdk') || ref.repository.endsWith('eclipse-temurin') ? majorVersion(ref) : undefined) ?? '21';
      const image = `eclipse-temurin:${jdk}-jre`;
      return { image, why: l10n.t`a JRE ${jdk} runs the jar; the JDK and the build tool stay behind`, hasShell: true, withShell: image };
    }
    case 'python': {
      const image = `python:${version ?? '3'}-slim`;
      return { image, why: l10n.t`the same Python${version ? ` ${version}` : ''} without compilers and headers`, hasShell: true, withShell: image };
    }
    case 'dotnet': {
      const image = `mcr.microsoft.com/dotnet/aspnet:${version ?? '8.0'}`;
      return { image, why: l10n.t('the ASP.NET Core runtime runs the published application without the SDK'), hasShell: true, withShell: image };
    }
  }
}
