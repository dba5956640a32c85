/**
 * Which engine a container CLI talks to, in words for the output: DOCKER_HOST when set, podman's own
 * service, else the current docker context (`currentContext` is what `docker context show` printed, if it ran).
 */
export function endpointLabel(executable: string, dockerHost: string | undefined, currentContext: () => string | undefined): string {
  if (dockerHost) return `DOCKER_HOST=${dockerHost}`;
  if (/podman/.test(executable)) return 'podman';
  const context = currentContext();
  return context !== undefined ? `docker context "${context}"` : 'the default docker endpoint';
}
