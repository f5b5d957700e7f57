import { createHash, hkdfSync } from "node:crypto";
import { CompactEncrypt, compactDecrypt } from "jose";
import type { BrowserBinding } from "./browser-binding";

// Nothing of the prompt is stored between the redirect and /continue: api.cache may not survive
// the suspension and transaction metadata is an Early Access feature. Instead the PKCE verifier is
// derived from the prompt client's secret and this transaction, and what the continuation needs
// (the chosen candidate, whether it had MFA enrolled, the redirect's time, the browser that was
// redirected) travels sealed inside the nonce, which the ID token brings back. A nonce from another transaction or another person does not open.

const SALT = "account-linking-prompt-v1";

export interface TransactionFields {
  transactionId: string;
  /** The user logging in: the account that will become a secondary. */
  userId: string;
}

export interface SealedPrompt {
  candidateUserId: string;
  /** Seconds since the epoch, as an ID token's auth_time is. */
  redirectedAt: number;
  /** The candidate had a second factor enrolled when it was offered. */
  candidateMfaEnrolled: boolean;
  /** The browser that was sent to sign in (browser-binding.ts). */
  browser: BrowserBinding;
}

function derive(secret: string, purpose: string, fields: TransactionFields): Buffer {
  const info = [purpose, fields.transactionId, fields.userId].join("\0");
  return Buffer.from(hkdfSync("sha256", secret, SALT, info, 32));
}

/** RFC 7636: 32 random-looking bytes, base64url, 43 characters. */
export function pkceVerifier(secret: string, fields: TransactionFields): string {
  return derive(secret, "pkce-verifier", fields).toString("base64url");
}

export function pkceChallenge(verifier: string): string {
  return createHash("sha256").update(verifier, "ascii").digest("base64url");
}

export async function sealNonce(
  secret: string,
  fields: TransactionFields,
  sealed: SealedPrompt,
): Promise<string> {
  const plaintext = new TextEncoder().encode(
    JSON.stringify({
      c: sealed.candidateUserId,
      t: sealed.redirectedAt,
      m: sealed.candidateMfaEnrolled,
      i: sealed.browser.ip,
      u: sealed.browser.userAgent,
    }),
  );
  return new CompactEncrypt(plaintext)
    .setProtectedHeader({ alg: "dir", enc: "A256GCM" })
    .encrypt(derive(secret, "nonce-key", fields));
}

/** The sealed values, or `undefined` when the nonce was not sealed for this transaction. */
export async function openNonce(
  secret: string,
  fields: TransactionFields,
  nonce: string,
): Promise<SealedPrompt | undefined> {
  try {
    const { plaintext } = await compactDecrypt(nonce, derive(secret, "nonce-key", fields), {
      keyManagementAlgorithms: ["dir"],
      contentEncryptionAlgorithms: ["A256GCM"],
    });
    const parsed: unknown = JSON.parse(new TextDecoder().decode(plaintext));
    if (typeof parsed !== "object" || parsed === null) return undefined;
    const { c, t, m, i, u } = parsed as Record<string, unknown>;
    if (typeof c !== "string" || c === "" || typeof t !== "number" || !Number.isSafeInteger(t)) {
      return undefined;
    }
    if (typeof m !== "boolean" || typeof i !== "string" || typeof u !== "string") return undefined;
    return {
      candidateUserId: c,
      redirectedAt: t,
      candidateMfaEnrolled: m,
      browser: { ip: i, userAgent: u },
    };
  } catch {
    return undefined;
  }
}
