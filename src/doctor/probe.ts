/**
 * One request, one attempt, no retries: the doctor must report what happened, not wait it out.
 * A request that got no answer says why, in the words an administrator can act on.
 */
export type ProbeResult =
  | { answered: true; status: number; headers: Headers; body: unknown }
  | { answered: false; cause: UnreachableCause; message: string };

export type UnreachableCause =
  | "name_not_resolved"
  | "tls"
  | "connection_refused"
  | "timeout"
  | "network";

export interface ProbeRequest {
  method: "GET" | "POST";
  url: string;
  token?: string;
  body?: unknown;
}

const timeoutMs = 15_000;

const tlsCodes =
  /^(CERT_|UNABLE_TO_|SELF_SIGNED|DEPTH_ZERO|ERR_TLS|ERR_SSL|HOSTNAME_MISMATCH|ERR_CERT)/;

function causeOf(error: unknown): { cause: UnreachableCause; message: string } {
  if (error instanceof Error && (error.name === "TimeoutError" || error.name === "AbortError")) {
    return { cause: "timeout", message: `no answer within ${timeoutMs / 1000} s` };
  }
  const inner = (error as { cause?: { code?: unknown; message?: unknown } } | undefined)?.cause;
  const code = typeof inner?.code === "string" ? inner.code : "";
  const detail = typeof inner?.message === "string" ? inner.message : String(error);
  if (code === "ENOTFOUND" || code === "EAI_AGAIN") {
    return { cause: "name_not_resolved", message: `the name does not resolve (${code})` };
  }
  if (tlsCodes.test(code) || /certificate|TLS|SSL/i.test(detail)) {
    return { cause: "tls", message: `the TLS handshake failed (${code || detail})` };
  }
  if (code === "ECONNREFUSED") {
    return { cause: "connection_refused", message: "the connection was refused (ECONNREFUSED)" };
  }
  return { cause: "network", message: `the connection failed (${code || detail})` };
}

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
    return { answered: false, ...causeOf(error) };
  }
}
