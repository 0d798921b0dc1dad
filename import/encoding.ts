import fs from 'node:fs';
import { Readable, Transform } from 'node:stream';
import iconv from 'iconv-lite';

export type EncodingChoice = 'auto' | 'utf8' | 'win1252';
export type DetectedEncoding = 'utf8' | 'win1252';

/**
 * German DMS exports are UTF-8 (often with BOM) or Windows-1252. A file that is valid UTF-8
 * throughout is UTF-8; anything else is read as Windows-1252. The check streams the file once,
 * keeping only the decoder's state in memory.
 */
export async function detectEncoding(file: string): Promise<DetectedEncoding> {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  try {
    for await (const chunk of fs.createReadStream(file, { highWaterMark: 64 * 1024 })) decoder.decode(chunk as Buffer, { stream: true });
    decoder.decode();
    return 'utf8';
  } catch {
    return 'win1252';
  }
}

const UTF8_BOM = Buffer.from([0xef, 0xbb, 0xbf]);

/**
 * Drops a UTF-8 byte order mark at the very start of the bytes, whatever the file's encoding: DMS
 * exports put one in front of Windows-1252 text too, where decoding would turn it into "ï»¿" in
 * the first header name.
 */
export function withoutLeadingUtf8Bom(): Transform {
  let head: Buffer | undefined = Buffer.alloc(0);
  const release = (stream: Transform) => {
    const bytes = head!;
    head = undefined;
    stream.push(bytes.subarray(0, 3).equals(UTF8_BOM) ? bytes.subarray(3) : bytes);
  };
  return new Transform({
    transform(chunk: Buffer, _encoding, done) {
      if (head === undefined) return done(null, chunk);
      head = Buffer.concat([head, chunk]);
      if (head.length >= UTF8_BOM.length) release(this);
      done();
    },
    flush(done) {
      if (head !== undefined) release(this);
      done();
    },
  });
}

/** The file as a stream of text chunks, decoded, without a BOM; bytesRead() tells the progress so far. */
export function decodedStream(file: string, encoding: DetectedEncoding): { text: Readable; bytesRead(): number } {
  const bytes = fs.createReadStream(file, { highWaterMark: 64 * 1024 });
  const unmarked = withoutLeadingUtf8Bom();
  const decoder = iconv.decodeStream(encoding === 'utf8' ? 'utf8' : 'windows-1252', { stripBOM: true }) as unknown as Transform;
  bytes.on('error', (error) => unmarked.destroy(error));
  unmarked.on('error', (error) => decoder.destroy(error));
  return { text: bytes.pipe(unmarked).pipe(decoder), bytesRead: () => bytes.bytesRead };
}

export async function resolveEncoding(file: string, choice: EncodingChoice): Promise<DetectedEncoding> {
  return choice === 'auto' ? detectEncoding(file) : choice;
}
