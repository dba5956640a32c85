/** Read access to the build context (by default the Dockerfile's folder): go.mod, Cargo.toml, .dockerignore... */
export interface ContextFiles {
  read(relativePath: string): string | undefined;
  exists(relativePath: string): boolean;
}

export const NO_CONTEXT: ContextFiles = { read: () => undefined, exists: () => false };
