import { l10n } from '../locale/l10n';
import type { DocumentLink } from 'vscode-languageserver';
import type { DockerfileModel, ImageReference } from '../model';
import { parseImageReference } from '../model';

/**
 * Links from base images and the `# syntax=` frontend to their registry pages. Only images written literally
 * (or whose variables expand to one known value) link; a stage used as a base links nowhere.
 */
export function documentLinks(model: DockerfileModel): DocumentLink[] {
  const links: DocumentLink[] = [];
  for (const directive of model.directives) {
    if (directive.name.toLowerCase() !== 'syntax') continue;
    const target = registryPage(parseImageReference(directive.value.trim()));
    if (target !== undefined) links.push({ range: directive.valueRange, target, tooltip: l10n.t('Open the frontend image page') });
  }
  for (const stage of model.stages) {
    if (stage.baseImage === undefined || stage.baseRange === undefined || stage.baseImage.isScratch || !stage.base.exact) continue;
    const target = registryPage(stage.baseImage);
    if (target !== undefined) links.push({ range: stage.baseRange, target, tooltip: l10n.t`Open ${stage.baseImage.repository} in its registry` });
  }
  return links;
}

/** The web page of an image's repository, for the registries that have one per repository. */
export function registryPage(ref: ImageReference): string | undefined {
  const repository = ref.repository.toLowerCase();
  if (repository === '' || /[$\s]/.test(ref.raw)) return undefined;
  const parts = repository.split('/');
  switch (ref.registry?.toLowerCase()) {
    case undefined:
    case 'docker.io':
    case 'index.docker.io':
    case 'registry-1.docker.io': {
      const official = parts.length === 1 || parts[0] === 'library';
      return official ? `https://hub.docker.com/_/${parts[parts.length - 1] ?? repository}` : `https://hub.docker.com/r/${repository}`;
    }
    case 'ghcr.io':
      return `https://ghcr.io/${repository}`;
    case 'mcr.microsoft.com':
      return `https://mcr.microsoft.com/artifact/mar/${repository}`;
    case 'quay.io':
      return `https://quay.io/repository/${repository}`;
    case 'gcr.io':
    case 'us.gcr.io':
    case 'eu.gcr.io':
    case 'asia.gcr.io':
      return `https://${ref.registry?.toLowerCase()}/${repository}`;
    case 'public.ecr.aws':
      return `https://gallery.ecr.aws/${repository}`;
    default:
      return undefined;
  }
}
