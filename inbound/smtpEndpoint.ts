import type { AddressInfo } from 'node:net';
import { SMTPServer, type SMTPServerDataStream, type SMTPServerSession } from 'smtp-server';
import { componentLogger } from '../config/logger';
import { processInbound, type InboundDeps, type ProcessedInbound } from './pipeline';

const log = componentLogger('inbound.smtp');

export type InboundEndpointOptions = {
  host?: string;
  /** 0 picks a free port. */
  port?: number;
  /** Larger messages are refused with 552 (default 25 MB). */
  maxMessageBytes?: number;
  /** Told about every handled message (tests wait on it). */
  onProcessed?: (result: ProcessedInbound) => void;
};

export type InboundEndpoint = {
  port: number;
  url: string;
  /** Messages handled, refused as too large, and failed (answered 451) so far. */
  stats(): { handled: number; tooLarge: number; failed: number };
  close(): Promise<void>;
};

/**
 * The inbound SMTP endpoint (the dealer's MX, or the target of a forwarding rule): every accepted
 * message goes through the inbound pipeline before the 250 reply. A message the pipeline cannot
 * store (database down) gets a 451, so the sending server retries; bad content is recorded by the
 * pipeline and answered 250, so nobody retries garbage. The endpoint itself never stops on a message.
 */
export async function startInboundEndpoint(deps: InboundDeps, options: InboundEndpointOptions = {}): Promise<InboundEndpoint> {
  const { host = '127.0.0.1', port = 0, maxMessageBytes = 25 * 1024 * 1024 } = options;
  const counts = { handled: 0, tooLarge: 0, failed: 0 };

  async function receive(stream: SMTPServerDataStream, session: SMTPServerSession): Promise<string> {
    const chunks: Buffer[] = [];
    for await (const chunk of stream) chunks.push(chunk as Buffer);
    if (stream.sizeExceeded) {
      counts.tooLarge += 1;
      log.warn({ session: session.id, limit: maxMessageBytes }, 'inbound message refused: larger than the limit');
      throw Object.assign(new Error(`Message exceeds the limit of ${maxMessageBytes} bytes`), { responseCode: 552 });
    }
    let result: ProcessedInbound;
    try {
      result = await processInbound(deps, Buffer.concat(chunks), {
        source: 'smtp',
        envelopeFrom: session.envelope.mailFrom ? session.envelope.mailFrom.address : null,
        envelopeTo: session.envelope.rcptTo.map((r) => r.address),
      });
    } catch (error) {
      counts.failed += 1;
      log.error({ err: error, session: session.id }, 'inbound message could not be stored; the sender will retry');
      throw Object.assign(new Error('Could not store the message, try again later'), { responseCode: 451 });
    }
    counts.handled += 1;
    options.onProcessed?.(result);
    return result.id;
  }

  const server = new SMTPServer({
    secure: false,
    authOptional: true,
    disabledCommands: ['AUTH', 'STARTTLS'],
    size: maxMessageBytes,
    logger: false,
    closeTimeout: 1000,
    onData(stream, session, callback) {
      receive(stream, session).then(
        (id) => callback(null, `Message accepted as ${id}`),
        (error: Error) => callback(error),
      );
    },
  });
  server.on('error', (error) => log.warn({ err: error }, 'inbound SMTP connection error'));

  const boundPort = await new Promise<number>((resolve, reject) => {
    const onError = (error: Error) => reject(new Error(`inbound SMTP endpoint could not listen on ${host}:${port}: ${error.message}`));
    server.server.once('error', onError);
    server.listen(port, host, () => {
      server.server.off('error', onError);
      resolve((server.server.address() as AddressInfo).port);
    });
  });
  log.info({ host, port: boundPort }, 'inbound SMTP endpoint listening');
  return {
    port: boundPort,
    url: `smtp://${host.includes(':') ? `[${host}]` : host}:${boundPort}`,
    stats: () => ({ ...counts }),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
