import type { IncomingMessage } from "node:http";

export type ParsedBody = { parsed: true; body: unknown } | { parsed: false };

const maxBodyBytes = 1024 * 1024;

export async function readRawBody(request: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    if (size > maxBodyBytes) throw new RangeError("Request body too large.");
    chunks.push(buffer);
  }
  return Buffer.concat(chunks);
}

/** JSON or `application/x-www-form-urlencoded`; an empty body parses as `undefined`. */
export function parseBody(raw: Buffer, contentType: string | undefined): ParsedBody {
  if (raw.length === 0) return { parsed: true, body: undefined };
  const text = raw.toString("utf8");
  if (contentType?.startsWith("application/x-www-form-urlencoded")) {
    return { parsed: true, body: Object.fromEntries(new URLSearchParams(text)) };
  }
  try {
    return { parsed: true, body: JSON.parse(text) };
  } catch {
    return { parsed: false };
  }
}
