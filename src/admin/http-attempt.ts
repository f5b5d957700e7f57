import type { LostReason } from "./outcome";
import { isPermanent, type UnreachableCause, unreachableCause } from "./unreachable-cause";

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
  | { answered: false; reason: LostReason; message: string; permanent: boolean };

export async function readBody(response: Response): Promise<unknown> {
  const text = await response.text();
  if (text === "") return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

/**
 * One request and what became of it: an answer, or the cause of there being none, in the words
 * an administrator can act on. The doctor reports this as it is; `attempt` reads it for retries.
 */
export type Exchange =
  | { answered: true; status: number; headers: Headers; body: unknown }
  | { answered: false; cause: UnreachableCause; message: string };

/** Sends one HTTP request with a timeout; never throws, never retries. */
export async function exchange(request: HttpRequest): Promise<Exchange> {
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
    return { answered: false, ...unreachableCause(error, request.timeoutMs) };
  }
}

/** A request that got no answer, as the retry policy reads it. */
export function lostAttempt(unreachable: {
  cause: UnreachableCause;
  message: string;
}): Extract<AttemptResult, { answered: false }> {
  return {
    answered: false,
    reason: unreachable.cause === "timeout" ? "timeout" : "network",
    message: unreachable.message,
    permanent: isPermanent(unreachable.cause),
  };
}

/** Sends one HTTP request with a timeout; never throws. */
export async function attempt(request: HttpRequest): Promise<AttemptResult> {
  const result = await exchange(request);
  return result.answered ? result : lostAttempt(result);
}
