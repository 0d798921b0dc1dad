import type { AddressInfo } from 'node:net';
import type { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';

/**
 * Serves the engine's open PGlite database over the PostgreSQL wire protocol on 127.0.0.1, so other
 * processes (the CLI beside `stammkunde start`) use it through `pg` like any PostgreSQL server.
 *
 * PGlite is one backend session shared by the engine's own Prisma client and every socket
 * connection. The socket server only takes PGlite's query lock, so a socket statement could land
 * inside an engine transaction (or an engine query inside a socket client's BEGIN … COMMIT). The
 * session view below closes that: each socket statement also takes PGlite's transaction lock, and
 * keeps it while the socket client's transaction is open.
 */
export type PgliteServer = { url: string; stop(): Promise<void> };

type Internals = { _runExclusiveTransaction<T>(fn: () => Promise<T>): Promise<T> };

const MAX_CONNECTIONS = 32;

/** A simple-query protocol message ('Q'), for the ROLLBACK the socket server sends when a client disconnects mid-transaction. */
function simpleQuery(sql: string): Uint8Array {
  const text = Buffer.from(`${sql}\0`, 'utf8');
  const message = Buffer.alloc(5 + text.length);
  message.write('Q', 0, 'ascii');
  message.writeInt32BE(4 + text.length, 1);
  text.copy(message, 5);
  return message;
}

function exclusiveSessionView(pglite: PGlite): PGlite {
  const internals = pglite as unknown as Internals;
  let releaseHeld: (() => void) | undefined;
  const releaseWhenIdle = () => {
    if (releaseHeld && !pglite.isInTransaction()) {
      const release = releaseHeld;
      releaseHeld = undefined;
      release();
    }
  };
  const runExclusive = async <T>(fn: () => Promise<T>): Promise<T> => {
    if (releaseHeld) {
      try {
        return await pglite.runExclusive(fn);
      } finally {
        releaseWhenIdle();
      }
    }
    return new Promise<T>((resolve, reject) => {
      void internals._runExclusiveTransaction(async () => {
        try {
          resolve(await pglite.runExclusive(fn));
        } catch (error) {
          reject(error);
        }
        // The socket client began a transaction: nobody else runs until it commits or rolls back.
        if (pglite.isInTransaction()) await new Promise<void>((release) => (releaseHeld = release));
      });
    });
  };
  const overrides: Record<PropertyKey, unknown> = {
    runExclusive,
    // The socket server asks this to keep one client's transaction together; the engine's own transactions are its business.
    isInTransaction: () => releaseHeld !== undefined,
    exec: async (sql: string) => {
      await runExclusive(() => pglite.execProtocolRaw(simpleQuery(sql)));
      return [];
    },
  };
  return new Proxy(pglite, {
    get(target, property) {
      if (property in overrides) return overrides[property];
      const value = Reflect.get(target, property, target) as unknown;
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
}

/** Starts the server on 127.0.0.1 and a free port (or `port`); `url` is what `pg` connects to. */
export async function servePglite(pglite: PGlite, options: { port?: number } = {}): Promise<PgliteServer> {
  const server = new PGLiteSocketServer({
    db: exclusiveSessionView(pglite),
    host: '127.0.0.1',
    port: options.port ?? 0,
    maxConnections: MAX_CONNECTIONS,
  });
  await server.start();
  const address = (server as unknown as { server?: { address(): AddressInfo | string | null } }).server?.address();
  const port = address && typeof address === 'object' ? address.port : options.port;
  if (!port) {
    await server.stop();
    throw new Error('The embedded database server did not report its port');
  }
  return { url: `postgresql://postgres@127.0.0.1:${port}/postgres?sslmode=disable`, stop: () => server.stop() };
}
