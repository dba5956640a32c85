/** Names shared by the client, the server and the CLI. */
export const LANGUAGE_ID = 'dockerfile';
export const DIAGNOSTIC_SOURCE = 'stagecraft';
export const SERVER_NAME = 'Stagecraft Language Server';

export const REPOSITORY_URL = 'https://github.com/stagecraft-dev/stagecraft';

/** Where a rule's documentation page (`docs/rules/<id>.md`) is published. */
export function ruleDocumentationUrl(ruleId: string): string {
  return `${REPOSITORY_URL}/blob/main/docs/rules/${ruleId}.md`;
}

export type RuleSeverity = 'error' | 'warning' | 'info' | 'hint';
export type RuleSeveritySetting = RuleSeverity | 'off';
