/** Read access to the build context (by default the Dockerfile's folder): go.mod, Cargo.toml, .dockerignore... */
export interface ContextFiles {
  read(relativePath: string): string | undefined;
  exists(relativePath: string): boolean;
  /** Entries of a folder of the context (for path completion); empty when unreadable or outside. */
  list(relativeDirectory: string): readonly { readonly name: string; readonly directory: boolean }[];
}

export const NO_CONTEXT: ContextFiles = { read: () => undefined, exists: () => false, list: () => [] };
