import { Transform, type TransformCallback } from "node:stream";
import { isPlainRecord } from "../../linking/account";

// An identity's fields a plan reads, and nothing else: Auth0 adds the provider's
// `access_token`, `access_token_secret` and `refresh_token` for an application granted
// read:user_idp_tokens, and whatever else it may add must not reach a file either.
const identityFields = new Set(["provider", "user_id", "connection", "isSocial", "profileData"]);

/** The user with each identity cut down to the fields a plan reads: no provider's token. */
export function withoutIdpTokens(user: unknown): unknown {
  if (!isPlainRecord(user) || !Array.isArray(user.identities)) return user;
  return {
    ...user,
    identities: user.identities.map((identity: unknown) =>
      isPlainRecord(identity)
        ? Object.fromEntries(Object.entries(identity).filter(([key]) => identityFields.has(key)))
        : identity,
    ),
  };
}

// Any field whose name holds "token" (or "Token") has these bytes: the lines without them, nearly
// all of an export, pass through unparsed.
const tokenBytes = Buffer.from("oken");
const newline = 0x0a;

/**
 * NDJSON in, NDJSON out, each line that may hold a token parsed and cut down as
 * `withoutIdpTokens` cuts a user; the others are passed on byte for byte.
 */
export function ndjsonWithoutIdpTokens(): Transform {
  let pending = Buffer.alloc(0);
  const clean = (line: Buffer): Buffer => {
    if (!line.includes(tokenBytes)) return line;
    try {
      return Buffer.from(JSON.stringify(withoutIdpTokens(JSON.parse(line.toString("utf8")))));
    } catch {
      // Not JSON, so nothing can be cut out of it: a JSON null stands in, counted as malformed
      // as the line would have been.
      return Buffer.from("null");
    }
  };
  return new Transform({
    transform(chunk: Buffer, _encoding, callback: TransformCallback) {
      const bytes = pending.length > 0 ? Buffer.concat([pending, chunk]) : chunk;
      const lines: Buffer[] = [];
      let start = 0;
      for (let end = bytes.indexOf(newline); end !== -1; end = bytes.indexOf(newline, start)) {
        lines.push(clean(bytes.subarray(start, end)), Buffer.from([newline]));
        start = end + 1;
      }
      pending = Buffer.from(bytes.subarray(start));
      callback(null, Buffer.concat(lines));
    },
    flush(callback: TransformCallback) {
      callback(null, pending.length > 0 ? clean(pending) : undefined);
    },
  });
}
