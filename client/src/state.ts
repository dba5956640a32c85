import type * as vscode from 'vscode';

/** What Stagecraft remembers per workspace: the tag each Dockerfile was built as, the last image and container. */
export class CommandState {
  constructor(private readonly memento: vscode.Memento) {}

  tagFor(dockerfile: vscode.Uri): string | undefined {
    return this.memento.get<string>(`tag:${dockerfile.toString()}`);
  }

  async rememberBuild(dockerfile: vscode.Uri, tag: string): Promise<void> {
    await this.memento.update(`tag:${dockerfile.toString()}`, tag);
    await this.memento.update('lastImage', tag);
  }

  /** The buildx builder Build Image last used in this workspace ('' for the current one). */
  get builder(): string | undefined {
    return this.memento.get<string>('buildxBuilder');
  }

  async rememberBuilder(name: string): Promise<void> {
    await this.memento.update('buildxBuilder', name);
  }

  get lastImage(): string | undefined {
    return this.memento.get<string>('lastImage');
  }

  get lastContainer(): string | undefined {
    return this.memento.get<string>('lastContainer');
  }

  async rememberContainer(name: string): Promise<void> {
    await this.memento.update('lastContainer', name);
  }
}
