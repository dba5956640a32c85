import type { SimpleCommand } from '../shell/commands';

export type ToolchainId = 'go' | 'node' | 'rust' | 'c' | 'java' | 'python' | 'dotnet';

export interface Toolchain {
  readonly id: ToolchainId;
  readonly label: string;
  /** Base images that are this toolchain, by repository (registry and tag removed). */
  readonly images: RegExp;
  /** Distribution packages that install it (`apt-get install golang-go`, `apk add go`). */
  readonly packages: RegExp;
  /** Whether a simple command of a RUN builds the application. */
  isBuild(command: SimpleCommand): boolean;
  /** Whether the build output is a native binary that runs without the toolchain's runtime. */
  readonly nativeBinary: boolean;
}

const word = (command: SimpleCommand, index: number): string => command.words[index] ?? '';
const program = (command: SimpleCommand): string => (word(command, 0).split('/').pop() ?? '');

export const TOOLCHAINS: readonly Toolchain[] = [
  {
    id: 'go', label: 'Go', nativeBinary: true,
    images: /^(library\/)?golang$/,
    packages: /^(golang(-go|-[0-9.]+(-go)?)?|go)$/,
    isBuild: (c) => program(c) === 'go' && (word(c, 1) === 'build' || word(c, 1) === 'install'),
  },
  {
    id: 'rust', label: 'Rust', nativeBinary: true,
    images: /^(library\/)?rust$/,
    packages: /^(cargo|rustc|rust)$/,
    isBuild: (c) => program(c) === 'cargo' && (word(c, 1) === 'build' || word(c, 1) === 'install'),
  },
  {
    id: 'c', label: 'C/C++', nativeBinary: true,
    images: /^(library\/)?(gcc|buildpack-deps)$/,
    packages: /^(gcc|g\+\+|clang|build-essential|make|cmake|build-base)$/,
    isBuild: (c) => ['make', 'cmake', 'ninja'].includes(program(c))
      || (['gcc', 'g++', 'cc', 'c++', 'clang', 'clang++'].includes(program(c)) && c.words.includes('-o')),
  },
  {
    id: 'node', label: 'Node.js', nativeBinary: false,
    images: /^(library\/)?node$/,
    packages: /^(nodejs|npm|yarn)$/,
    // Installing dependencies counts: development dependencies are what the final stage leaves behind.
    isBuild: (c) => ['npm', 'yarn', 'pnpm'].includes(program(c)) && !c.words.includes('-g') && !c.words.includes('--global')
      && (c.words.includes('build') || (word(c, 1) === 'run' && /build/.test(word(c, 2)))
        || ['install', 'ci', 'i'].includes(word(c, 1)) || (program(c) === 'yarn' && (word(c, 1) === '' || word(c, 1).startsWith('--')))),
  },
  {
    id: 'java', label: 'Java', nativeBinary: false,
    images: /^(library\/)?(maven|gradle|openjdk|eclipse-temurin|amazoncorretto|sapmachine|ibmjava)$/,
    packages: /^(maven|gradle|default-jdk(-headless)?|openjdk-\d+-jdk(-headless)?)$/,
    isBuild: (c) => program(c) === 'javac' || (/^(mvn|mvnw)$/.test(program(c)) && c.words.some((w) => /^(package|install|verify)$/.test(w)))
      || (/^(gradle|gradlew)$/.test(program(c)) && c.words.some((w) => /^(build|bootJar|assemble|shadowJar|installDist)$/.test(w))),
  },
  {
    id: 'python', label: 'Python', nativeBinary: false,
    images: /^(library\/)?python$/,
    packages: /^python3?-pip$/,
    isBuild: (c) => /^pip3?$/.test(program(c)) && word(c, 1) === 'install' && !c.words.includes('-e') && !c.words.includes('--editable'),
  },
  {
    id: 'dotnet', label: '.NET', nativeBinary: false,
    images: /^(dotnet\/sdk|dotnet\/core\/sdk)$/,
    packages: /^dotnet-sdk-[0-9.]+$/,
    isBuild: (c) => program(c) === 'dotnet' && word(c, 1) === 'publish',
  },
];

export function toolchainById(id: ToolchainId): Toolchain {
  const found = TOOLCHAINS.find((t) => t.id === id);
  if (found === undefined) throw new Error(`unknown toolchain ${id}`);
  return found;
}

/** Packages named by `apt-get install`, `apk add`, `yum/dnf install` in a simple command. */
export function installedPackages(command: SimpleCommand): string[] {
  // Only the first two words name the tool (by its last path part): every RUN's commands pass through here.
  const [tool, sub] = command.words.slice(0, 2).map((w) => w.slice(w.lastIndexOf('/') + 1));
  const installs = ((tool === 'apt-get' || tool === 'apt' || tool === 'yum' || tool === 'dnf' || tool === 'microdnf') && sub === 'install')
    || (tool === 'apk' && sub === 'add');
  if (!installs) return [];
  return command.words.slice(2).filter((w) => !w.startsWith('-')).map((w) => w.replace(/[=<>].*$/, ''));
}
