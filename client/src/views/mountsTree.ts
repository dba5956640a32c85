import * as vscode from 'vscode';
import type { ContainerView, MountView, VolumeSummary } from '../../../common/src/engine/parse';

type Node =
  | { readonly kind: 'container'; readonly container: ContainerView }
  | { readonly kind: 'mount'; readonly container: ContainerView; readonly mount: MountView }
  | { readonly kind: 'detail'; readonly id: string; readonly label: string; readonly value: string }
  | { readonly kind: 'volumes'; readonly volumes: readonly VolumeSummary[] }
  | { readonly kind: 'volume'; readonly volume: VolumeSummary };

function typeLabel(mount: MountView): string {
  if (mount.type === 'volume') return mount.anonymous ? vscode.l10n.t('anonymous volume') : vscode.l10n.t('named volume {0}', mount.name ?? '');
  return mount.type;
}

/** The "Container Mounts" view: each inspected container, its mounts in words, and the engine's volumes. */
export class MountsTreeProvider implements vscode.TreeDataProvider<Node>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<Node | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private containers: ContainerView[] = [];
  private volumes: VolumeSummary[] | undefined;

  /** One change event for both: two refreshes in a row could leave the new container's mounts unrendered. */
  show(container: ContainerView, volumes?: readonly VolumeSummary[]): void {
    this.containers = [container, ...this.containers.filter((c) => c.id !== container.id)].slice(0, 5);
    if (volumes !== undefined) this.volumes = [...volumes];
    this.changed.fire(undefined);
  }

  setVolumes(volumes: readonly VolumeSummary[]): void {
    this.volumes = [...volumes];
    this.changed.fire(undefined);
  }

  get shown(): readonly ContainerView[] {
    return this.containers;
  }

  getChildren(node?: Node): Node[] {
    if (node === undefined) {
      return [
        ...this.containers.map((container): Node => ({ kind: 'container', container })),
        ...(this.volumes ? [{ kind: 'volumes', volumes: this.volumes } as Node] : []),
      ];
    }
    switch (node.kind) {
      case 'container':
        return node.container.mounts.map((mount): Node => ({ kind: 'mount', container: node.container, mount }));
      case 'mount': {
        const m = node.mount;
        const id = (name: string): string => `${nodeId(node)}/${name}`;
        return [
          { kind: 'detail', id: id('type'), label: vscode.l10n.t('type'), value: typeLabel(m) },
          { kind: 'detail', id: id('source'), label: vscode.l10n.t('source (host)'), value: m.source || '—' },
          { kind: 'detail', id: id('destination'), label: vscode.l10n.t('destination'), value: m.destination },
          { kind: 'detail', id: id('access'), label: vscode.l10n.t('access'), value: m.readWrite ? vscode.l10n.t('read-write') : vscode.l10n.t('read-only') },
          ...(m.propagation ? [{ kind: 'detail', id: id('propagation'), label: vscode.l10n.t('propagation'), value: m.propagation } as Node] : []),
          ...(m.driver ? [{ kind: 'detail', id: id('driver'), label: vscode.l10n.t('driver'), value: m.driver } as Node] : []),
        ];
      }
      case 'volumes':
        return node.volumes.map((volume): Node => ({ kind: 'volume', volume }));
      default:
        return [];
    }
  }

  getTreeItem(node: Node): vscode.TreeItem {
    const item = this.treeItem(node);
    // Stable ids: the nodes are new objects on every refresh, and VS Code matches expanded rows by id.
    item.id = nodeId(node);
    return item;
  }

  private treeItem(node: Node): vscode.TreeItem {
    switch (node.kind) {
      case 'container': {
        const item = new vscode.TreeItem(node.container.name, vscode.TreeItemCollapsibleState.Expanded);
        item.description = `${node.container.image} · ${node.container.state}`;
        item.iconPath = new vscode.ThemeIcon('package');
        item.contextValue = 'container';
        item.tooltip = node.container.command.join(' ');
        return item;
      }
      case 'mount': {
        const item = new vscode.TreeItem(node.mount.destination, vscode.TreeItemCollapsibleState.Collapsed);
        const source = node.mount.type === 'bind' ? node.mount.source : node.mount.name ?? node.mount.source;
        item.description = node.mount.readWrite ? `${typeLabel(node.mount)} ← ${source}` : vscode.l10n.t('{0} ← {1} (read-only)', typeLabel(node.mount), source);
        item.iconPath = new vscode.ThemeIcon(node.mount.type === 'bind' ? 'folder' : node.mount.type === 'volume' ? 'database' : 'circuit-board');
        item.contextValue = node.mount.type === 'bind' ? 'bindMount' : 'mount';
        item.tooltip = new vscode.MarkdownString([
          '| | |', '|---|---|',
          `| ${vscode.l10n.t('type')} | ${typeLabel(node.mount)} |`,
          `| ${vscode.l10n.t('source (host)')} | \`${node.mount.source}\` |`,
          `| ${vscode.l10n.t('destination')} | \`${node.mount.destination}\` |`,
          `| ${vscode.l10n.t('access')} | ${node.mount.readWrite ? vscode.l10n.t('read-write') : vscode.l10n.t('read-only')} |`,
        ].join('\n'));
        return item;
      }
      case 'detail': {
        const item = new vscode.TreeItem(node.label, vscode.TreeItemCollapsibleState.None);
        item.description = node.value;
        return item;
      }
      case 'volumes': {
        const item = new vscode.TreeItem(vscode.l10n.t('Volumes'), vscode.TreeItemCollapsibleState.Collapsed);
        item.description = String(node.volumes.length);
        item.iconPath = new vscode.ThemeIcon('database');
        item.contextValue = 'volumes';
        return item;
      }
      case 'volume': {
        const item = new vscode.TreeItem(node.volume.anonymous ? `${node.volume.name.slice(0, 12)}…` : node.volume.name, vscode.TreeItemCollapsibleState.None);
        item.description = node.volume.anonymous ? vscode.l10n.t('anonymous · {0}', node.volume.driver) : node.volume.driver;
        item.tooltip = node.volume.name;
        item.contextValue = 'volume';
        return item;
      }
    }
  }

  dispose(): void {
    this.changed.dispose();
  }
}

export type MountsNode = Node;

function nodeId(node: Node): string {
  switch (node.kind) {
    case 'container': return `container/${node.container.id}`;
    case 'mount': return `container/${node.container.id}/mount/${node.mount.destination}`;
    case 'detail': return node.id;
    case 'volumes': return 'volumes';
    case 'volume': return `volume/${node.volume.name}`;
  }
}
