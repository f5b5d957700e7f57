import { type UnreachableCause, unreachableCause } from "../admin/unreachable-cause";

/**
 * One request, one attempt, no retries: the doctor must report what happened, not wait it out.
 * A request that got no answer says why, in the words an administrator can act on.
 */
export type ProbeResult =
  | { answered: true; status: number; headers: Headers; body: unknown }
  | { answered: false; cause: UnreachableCause; message: string };

export interface ProbeRequest {
  method: "GET" | "POST";
  url: string;
  token?: string;
  body?: unknown;
}

const timeoutMs = 15_000;

async function bodyOf(response: Response): Promise<unknown> {
  const text = await response.text();
  try {
    return text === "" ? undefined : (JSON.parse(text) as unknown);
  } catch {
    return text;
  }
}

export async function probe(request: ProbeRequest): Promise<ProbeResult> {
  try {
    const response = await fetch(request.url, {
      method: request.method,
      headers: {
        accept: "application/json",
        ...(request.token ? { authorization: `Bearer ${request.token}` } : {}),
        ...(request.body === undefined ? {} : { "content-type": "application/json" }),
      },
      ...(request.body === undefined ? {} : { body: JSON.stringify(request.body) }),
      signal: AbortSignal.timeout(timeoutMs),
    });
    return {
      answered: true,
      status: response.status,
      headers: response.headers,
      body: await bodyOf(response),
    };
  } catch (error) {
    return { answered: false, ...unreachableCause(error, timeoutMs) };
  }
}
