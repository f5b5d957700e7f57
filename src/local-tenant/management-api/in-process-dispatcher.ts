import type { IncomingHttpHeaders } from "node:http";
import { Dispatcher, getGlobalDispatcher, setGlobalDispatcher } from "undici";
import { encodeResponse, type ManagementApiServer } from "./server";

/** The callbacks Node's built-in `fetch` passes to a dispatcher (undici's classic handler API). */
interface FetchDispatchHandler {
  onConnect?(abort: (reason?: Error) => void): void;
  onHeaders?(statusCode: number, rawHeaders: Buffer[], resume: () => void, text: string): boolean;
  onData?(chunk: Buffer): boolean;
  onComplete?(trailers: Buffer[] | null): void;
  onError?(error: Error): void;
}

type RequestBody = Dispatcher.DispatchOptions["body"] | AsyncIterable<Uint8Array>;

/**
 * Hands every request for the emulator's origin straight to its request handler: same routes,
 * rate limits, faults and request log, without sockets, TLS or HTTP parsing. The benchmark's
 * cost phase counts requests and never times them, so it routes them this way to run faster;
 * everything that times a request goes over HTTPS. Requests for other origins go to `fallback`.
 */
export class InProcessDispatcher extends Dispatcher {
  constructor(
    private readonly api: ManagementApiServer,
    private readonly fallback: Dispatcher,
  ) {
    super();
  }

  override dispatch(options: Dispatcher.DispatchOptions, handler: Dispatcher.DispatchHandler) {
    const origin = options.origin instanceof URL ? options.origin.origin : options.origin;
    if (origin !== this.api.origin) return this.fallback.dispatch(options, handler);
    void this.#answer(options, handler as FetchDispatchHandler);
    return true;
  }

  override async close(): Promise<void> {}

  override async destroy(): Promise<void> {}

  async #answer(options: Dispatcher.DispatchOptions, handler: FetchDispatchHandler) {
    let aborted: Error | undefined;
    handler.onConnect?.((reason) => {
      aborted = reason ?? new Error("Request aborted");
    });
    try {
      const outcome = await this.api.answerInProcess({
        method: options.method,
        path: options.path,
        headers: headersOf(options.headers),
        body: await bodyOf(options.body as RequestBody),
      });
      if (aborted) throw aborted;
      if (outcome.kind === "destroy-socket") throw new Error("other side closed");
      const { response } = outcome;
      const { status, headers, body } = response.stream
        ? { status: response.status, headers: response.headers ?? {}, body: "" }
        : encodeResponse(response);
      const rawHeaders = Object.entries(headers).flatMap(([name, value]) => [
        Buffer.from(name),
        Buffer.from(value),
      ]);
      handler.onHeaders?.(status, rawHeaders, () => undefined, "");
      if (response.stream) {
        for await (const chunk of response.stream()) handler.onData?.(Buffer.from(chunk));
      } else if (body) {
        handler.onData?.(Buffer.from(body));
      }
      handler.onComplete?.(null);
    } catch (error) {
      handler.onError?.(error instanceof Error ? error : new Error(String(error)));
    }
  }
}

/** Routes this process's `fetch` to `api` in process until the returned function is called. */
export function routeFetchInProcess(api: ManagementApiServer): () => void {
  const previous = getGlobalDispatcher();
  setGlobalDispatcher(new InProcessDispatcher(api, previous));
  return () => setGlobalDispatcher(previous);
}

function headersOf(headers: Dispatcher.DispatchOptions["headers"]): IncomingHttpHeaders {
  const result: IncomingHttpHeaders = {};
  const add = (name: string, value: unknown) => {
    result[name.toLowerCase()] = String(value);
  };
  if (!headers) return result;
  if (Array.isArray(headers)) {
    for (let i = 0; i + 1 < headers.length; i += 2) add(String(headers[i]), headers[i + 1]);
  } else if (Symbol.iterator in headers) {
    for (const [name, value] of headers as Iterable<[string, string]>) add(name, value);
  } else {
    for (const [name, value] of Object.entries(headers)) {
      if (value !== undefined) add(name, Array.isArray(value) ? value.join(", ") : value);
    }
  }
  return result;
}

async function bodyOf(body: RequestBody): Promise<Buffer> {
  if (body === null || body === undefined) return Buffer.alloc(0);
  if (typeof body === "string" || body instanceof Uint8Array) return Buffer.from(body);
  if (Symbol.asyncIterator in body) {
    const chunks: Buffer[] = [];
    for await (const chunk of body as AsyncIterable<Uint8Array | string>) {
      chunks.push(Buffer.from(chunk));
    }
    return Buffer.concat(chunks);
  }
  throw new TypeError("Request body type not supported in process");
}
