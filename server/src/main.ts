import { ProposedFeatures, createConnection } from 'vscode-languageserver/node';
import { startServer } from './server';

// The transport (--node-ipc from the VS Code client, --stdio from other editors) is read from argv.
const connection = createConnection(ProposedFeatures.all);
process.on('uncaughtException', (error) => connection.console.error(`Stagecraft: uncaught ${error.stack ?? error.message}`));
startServer(connection);
