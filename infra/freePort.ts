import net from 'node:net';

/** A TCP port on 127.0.0.1 that nothing listens on right now. */
export function freePort(): Promise<number> {
  return listenOn(0).then((port) => port ?? Promise.reject(new Error('no free port')));
}

/**
 * A free port in [from, to): for servers that store their ports in a smallint (Temporal's cluster membership
 * table), where the kernel's ephemeral range (32768 and up) does not fit.
 */
export async function freePortBetween(from: number, to: number): Promise<number> {
  for (let attempt = 0; attempt < 200; attempt++) {
    const port = await listenOn(from + Math.floor(Math.random() * (to - from)));
    if (port) return port;
  }
  throw new Error(`no free port between ${from} and ${to}`);
}

function listenOn(wanted: number): Promise<number | undefined> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.unref();
    server.once('error', () => resolve(undefined));
    server.listen(wanted, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}
