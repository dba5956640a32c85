/** Imported first by a `*.current.test.ts` file: the editor suites it imports next run in the current VS Code (1.139). */
process.env['STAGECRAFT_EDITOR_VSCODE'] = 'current';
