import { type Exchange, exchange } from "../admin/http-attempt";

/**
 * One request, one attempt, no retries: the doctor must report what happened, not wait it out.
 * A request that got no answer says why, in the words an administrator can act on.
 */
export type ProbeResult = Exchange;

export interface ProbeRequest {
  method: "GET" | "POST";
  url: string;
  token?: string;
  body?: unknown;
}

const timeoutMs = 15_000;

export function probe(request: ProbeRequest): Promise<ProbeResult> {
  return exchange({
    method: request.method,
    url: request.url,
    ...(request.token ? { headers: { authorization: `Bearer ${request.token}` } } : {}),
    ...(request.body === undefined ? {} : { body: request.body }),
    timeoutMs,
  });
}
