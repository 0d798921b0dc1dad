import { readFileSync } from 'node:fs';
import net from 'node:net';

/**
 * A TCP port on 127.0.0.1 that nothing listens on right now, for a server that another process binds later.
 *
 * It lies below the kernel's ephemeral range on purpose. A port from `listen(0)` comes out of that range, and so
 * does the local port of every outgoing connection on the machine (gRPC to Temporal, PostgreSQL, SMTP): between the
 * pick and the child's bind, any of those connections may take it, and the child fails with EADDRINUSE. Below the
 * range only another explicit bind can collide, and the pick is random so two pickers rarely meet.
 */
export function freePort(): Promise<number> {
  return freePortBetween(FIRST_UNRESERVED_PORT, ephemeralRangeStart());
}

/** `count` distinct free ports (see freePort), e.g. for the servers of one installation. */
export async function freePorts(count: number): Promise<number[]> {
  const ports = new Set<number>();
  while (ports.size < count) ports.add(await freePort());
  return [...ports];
}

/**
 * A free port in [from, to): e.g. for servers that store their ports in a smallint (Temporal's cluster membership
 * table), where the kernel's ephemeral range (32768 and up) does not fit.
 */
export async function freePortBetween(from: number, to: number): Promise<number> {
  for (let attempt = 0; attempt < 200; attempt++) {
    const port = await listenOn(from + Math.floor(Math.random() * (to - from)));
    if (port) return port;
  }
  throw new Error(`no free port between ${from} and ${to}`);
}

const FIRST_UNRESERVED_PORT = 20_000;
const LINUX_DEFAULT_EPHEMERAL_START = 32_768;

/** Where the kernel starts handing out local ports for outgoing connections (Linux: ip_local_port_range). */
export function ephemeralRangeStart(): number {
  try {
    const first = Number(readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8').trim().split(/\s+/)[0]);
    if (Number.isInteger(first) && first > FIRST_UNRESERVED_PORT + 1000) return first;
  } catch {
    // not Linux: the IANA/Linux default below
  }
  return LINUX_DEFAULT_EPHEMERAL_START;
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
