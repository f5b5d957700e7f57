/**
 * Why a request got no answer, in words an administrator can act on. One classification for
 * every tool that talks to a tenant (the doctor's probes, the command-line tools' retries).
 */
export type UnreachableCause =
  | "name_not_resolved"
  | "tls"
  | "connection_refused"
  | "timeout"
  | "network";

export interface Unreachable {
  cause: UnreachableCause;
  message: string;
}

const tlsCodes =
  /^(CERT_|UNABLE_TO_|SELF_SIGNED|DEPTH_ZERO|ERR_TLS|ERR_SSL|HOSTNAME_MISMATCH|ERR_CERT)/;

const resetCodes = new Set(["ECONNRESET", "EPIPE", "ETIMEDOUT", "UND_ERR_SOCKET"]);

/** Reads the error `fetch` threw (undici puts the system's code on `error.cause`). */
export function unreachableCause(error: unknown, timeoutMs: number): Unreachable {
  if (error instanceof Error && (error.name === "TimeoutError" || error.name === "AbortError")) {
    return { cause: "timeout", message: `no answer within ${timeoutMs / 1000} s` };
  }
  const inner = (error as { cause?: { code?: unknown; message?: unknown } } | undefined)?.cause;
  const code = typeof inner?.code === "string" ? inner.code : "";
  const detail = typeof inner?.message === "string" ? inner.message : String(error);
  // A connection cut mid-handshake names TLS in its message, yet is as passing as any reset.
  if (resetCodes.has(code)) {
    return { cause: "network", message: `the connection failed (${code})` };
  }
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

/**
 * A wrong domain or an untrusted certificate: waiting does not change it, so a retry would only
 * delay the real cause. (EAI_AGAIN can be a resolver's passing failure, but a command run by hand
 * is better told at once than after a minute of backoff; it can simply be run again.)
 */
export function isPermanent(cause: UnreachableCause): boolean {
  return cause === "name_not_resolved" || cause === "tls";
}
