import net from 'node:net';
import type { AddressInfo } from 'node:net';

/**
 * A loopback listener that hostile documents point at (remote JSON-LD contexts, XML external entities, SPARQL
 * SERVICE and LOAD). The server must never connect to it; `contacts` counts every connection it got.
 */
export interface OutboundTrap {
  /** An http URL on the trap. */
  url(path?: string): string;
  readonly contacts: number;
  close(): Promise<void>;
}

export async function openOutboundTrap(): Promise<OutboundTrap> {
  let contacts = 0;
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    contacts++;
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.destroy();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: (path = '/') => `http://127.0.0.1:${port}${path}`,
    get contacts() {
      return contacts;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
