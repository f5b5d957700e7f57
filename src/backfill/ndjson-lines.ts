import { createReadStream } from "node:fs";
import { open } from "node:fs/promises";
import { StringDecoder } from "node:string_decoder";
import { createGunzip } from "node:zlib";

const gzipMagic = [0x1f, 0x8b] as const;
const readChunkBytes = 1 << 20;

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
 * Calls `onLine` with each line of an NDJSON file, gzipped or not (told by its first bytes,
 * whatever its name), and its index from 0; empty lines are skipped but counted. The file is
 * streamed a megabyte at a time: it is never held whole in memory. `onChunk` reports the
 * compressed bytes read so far, for a progress bar.
 */
export async function forEachLine(
  path: string,
  onLine: (line: string, index: number) => void,
  onChunk?: (bytesRead: number) => void,
): Promise<number> {
  const gzipped = await isGzipped(path);
  const raw = createReadStream(path, { highWaterMark: readChunkBytes });
  const stream = gzipped ? raw.pipe(createGunzip({ chunkSize: readChunkBytes })) : raw;
  // Listening only once piped: a "data" listener on its own would start the flow too early.
  if (onChunk) raw.on("data", () => onChunk(raw.bytesRead));
  // A multi-byte character can straddle two chunks: the decoder keeps its first bytes back.
  const decoder = new StringDecoder("utf8");
  let pending = "";
  let index = 0;
  const emit = (line: string) => {
    if (line.trim() !== "") onLine(line, index);
    index++;
  };
  try {
    for await (const chunk of stream) {
      const text = pending + decoder.write(chunk as Buffer);
      let start = 0;
      for (let newline = text.indexOf("\n", start); newline !== -1; ) {
        emit(text.slice(start, newline));
        start = newline + 1;
        newline = text.indexOf("\n", start);
      }
      pending = text.slice(start);
    }
  } finally {
    raw.destroy();
  }
  const last = pending + decoder.end();
  if (last !== "") emit(last);
  return index;
}
