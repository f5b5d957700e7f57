import type { LostReason } from "./outcome";

export interface HttpRequest {
  method: "GET" | "POST" | "PATCH" | "DELETE";
  url: string;
  headers?: Record<string, string>;
  body?: unknown;
  timeoutMs: number;
}

/** One attempt: an answer with its parsed body, or the reason there was none. */
export type AttemptResult =
  | { answered: true; status: number; headers: Headers; body: unknown }
  | { answered: false; reason: LostReason; message: string };

async function readBody(response: Response): Promise<unknown> {
  const text = await response.text();
  if (text === "") return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

function isTimeout(error: unknown): boolean {
  return error instanceof Error && (error.name === "TimeoutError" || error.name === "AbortError");
}

/** Sends one HTTP request with a timeout; never throws. */
export async function attempt(request: HttpRequest): Promise<AttemptResult> {
  try {
    const response = await fetch(request.url, {
      method: request.method,
      headers: {
        accept: "application/json",
        ...(request.body === undefined ? {} : { "content-type": "application/json" }),
        ...request.headers,
      },
      ...(request.body === undefined ? {} : { body: JSON.stringify(request.body) }),
      signal: AbortSignal.timeout(request.timeoutMs),
    });
    return {
      answered: true,
      status: response.status,
      headers: response.headers,
      body: await readBody(response),
    };
  } catch (error) {
    return isTimeout(error)
      ? { answered: false, reason: "timeout", message: "no answer within the timeout" }
      : {
          answered: false,
          reason: "network",
          message: error instanceof Error ? error.message : "the connection failed",
        };
  }
}
