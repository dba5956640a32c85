import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import type { DockerfileInfo } from '../../common/src/protocol';
import { DOCKERFILE_INFO_REQUEST } from '../../common/src/protocol';

/** Stages, ARGs and runtime facts of a Dockerfile, from the server's model. */
export async function requestDockerfileInfo(client: LanguageClient, uri: vscode.Uri): Promise<DockerfileInfo | null> {
  await vscode.workspace.openTextDocument(uri);
  return client.sendRequest<DockerfileInfo | null>(DOCKERFILE_INFO_REQUEST, { uri: client.code2ProtocolConverter.asUri(uri) });
}
