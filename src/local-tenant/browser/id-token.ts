import { createPublicKey, type JsonWebKey, verify } from "node:crypto";

export interface IdTokenClaims {
  iss: string;
  sub: string;
  aud: string;
  exp: number;
  iat: number;
  auth_time?: number;
  nonce?: string;
  email?: string;
  email_verified?: boolean;
  [claim: string]: unknown;
}

/**
 * Checks an RS256 ID token's signature against the tenant's JWKS and returns its claims. For the
 * local tenant's test application and tests only: the Action verifies with `jose`.
 */
export async function verifiedIdTokenClaims(
  idToken: string,
  jwksUri: string,
): Promise<IdTokenClaims> {
  const [header = "", payload = "", signature = ""] = idToken.split(".");
  const { alg, kid } = JSON.parse(Buffer.from(header, "base64url").toString()) as {
    alg: string;
    kid: string;
  };
  if (alg !== "RS256") throw new Error(`ID token signed with ${alg}`);
  const { keys } = (await (await fetch(jwksUri)).json()) as {
    keys: (JsonWebKey & { kid: string })[];
  };
  const key = keys.find((candidate) => candidate.kid === kid);
  if (!key) throw new Error(`no key ${kid} in the JWKS`);
  const valid = verify(
    "RSA-SHA256",
    Buffer.from(`${header}.${payload}`),
    createPublicKey({ key, format: "jwk" }),
    Buffer.from(signature, "base64url"),
  );
  if (!valid) throw new Error("ID token signature does not verify");
  return JSON.parse(Buffer.from(payload, "base64url").toString()) as IdTokenClaims;
}
