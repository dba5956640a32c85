import { ProposedFeatures, createConnection } from './lsp';
import { startServer } from './server';
import { stdioConnection } from './transport/stdio';

// The transport (--node-ipc from the VS Code client, --stdio from other editors) is read from argv; stdio
// gets a writer of its own (one write per message).
const connection = process.argv.includes('--stdio') ? stdioConnection() : createConnection(ProposedFeatures.all);
process.on('uncaughtException', (error) => connection.console.error(`Stagecraft: uncaught ${error.stack ?? error.message}`));
startServer(connection);
