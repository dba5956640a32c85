import { startServer } from '../server';
import { stdioConnection } from '../transport/stdio';
import { limitHeapGrowth } from '../heapGrowth';

export function startStdioServer(): void {
  limitHeapGrowth();
  startServer(stdioConnection());
}
