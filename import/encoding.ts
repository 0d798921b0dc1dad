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

/** The file as a stream of text chunks, decoded, without a BOM; bytesRead() tells the progress so far. */
export function decodedStream(file: string, encoding: DetectedEncoding): { text: Readable; bytesRead(): number } {
  const bytes = fs.createReadStream(file, { highWaterMark: 64 * 1024 });
  const decoder = iconv.decodeStream(encoding === 'utf8' ? 'utf8' : 'windows-1252', { stripBOM: true }) as unknown as Transform;
  bytes.on('error', (error) => decoder.destroy(error));
  return { text: bytes.pipe(decoder), bytesRead: () => bytes.bytesRead };
}

export async function resolveEncoding(file: string, choice: EncodingChoice): Promise<DetectedEncoding> {
  return choice === 'auto' ? detectEncoding(file) : choice;
}
