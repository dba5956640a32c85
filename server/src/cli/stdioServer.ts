import { startServer } from '../server';
import { stdioConnection } from '../transport/stdio';

export function startStdioServer(): void {
  startServer(stdioConnection());
}
