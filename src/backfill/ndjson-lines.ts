import { createReadStream } from "node:fs";
import { open } from "node:fs/promises";
import { createGunzip } from "node:zlib";

const gzipMagic = [0x1f, 0x8b] as const;
const readChunkBytes = 1 << 20;
const newline = 0x0a;

async function isGzipped(path: string): Promise<boolean> {
  const file = await open(path, "r");
  try {
    const { bytesRead, buffer } = await file.read(Buffer.alloc(2), 0, 2, 0);
    return bytesRead === 2 && buffer[0] === gzipMagic[0] && buffer[1] === gzipMagic[1];
  } finally {
    await file.close();
  }
}

/**
 * One line's bytes, without its newline: a view of the chunk read, which it keeps alive while
 * held (copy what is kept).
 */
export type OnLine = (line: Buffer, index: number) => void;

/** Whether the line holds only JSON whitespace: a blank line, not a record. */
function isBlank(line: Buffer): boolean {
  for (const byte of line) {
    if (byte !== 0x20 && byte !== 0x09 && byte !== 0x0d) return false;
  }
  return true;
}

/**
 * Calls `onLine` with each line of an NDJSON file, gzipped or not (told by its first bytes,
 * whatever its name), and its index from 0; blank lines are skipped but counted. The file is
 * streamed a megabyte at a time: it is never held whole in memory. Lines are handed over as
 * bytes, because most of them are only glanced at: decoding every megabyte into a string cost
 * more than everything else the first pass does. `onChunk` reports the compressed bytes read so
 * far, for a progress bar.
 */
export async function forEachLine(
  path: string,
  onLine: OnLine,
  onChunk?: (bytesRead: number) => void,
): Promise<number> {
  const gzipped = await isGzipped(path);
  const raw = createReadStream(path, { highWaterMark: readChunkBytes });
  const stream = gzipped ? raw.pipe(createGunzip({ chunkSize: readChunkBytes })) : raw;
  // Listening only once piped: a "data" listener on its own would start the flow too early.
  if (onChunk) raw.on("data", () => onChunk(raw.bytesRead));
  // The start of a line that runs on into the next chunks, kept until its newline arrives.
  let pending: Buffer[] = [];
  let index = 0;
  const emit = (bytes: Buffer, start: number, end: number) => {
    const line = bytes.subarray(start, end);
    if (!isBlank(line)) onLine(line, index);
    index++;
  };
  try {
    for await (const chunk of stream) {
      const bytes = chunk as Buffer;
      let start = 0;
      let end = bytes.indexOf(newline);
      if (end !== -1 && pending.length > 0) {
        const joined = Buffer.concat([...pending, bytes.subarray(0, end)]);
        pending = [];
        emit(joined, 0, joined.length);
        start = end + 1;
        end = bytes.indexOf(newline, start);
      }
      for (; end !== -1; end = bytes.indexOf(newline, start)) {
        emit(bytes, start, end);
        start = end + 1;
      }
      if (start < bytes.length) pending.push(bytes.subarray(start));
    }
  } finally {
    raw.destroy();
  }
  if (pending.length > 0) {
    const last = Buffer.concat(pending);
    emit(last, 0, last.length);
  }
  return index;
}
