import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";

export interface AccessTokenClaims {
  iss: string;
  sub: string;
  aud: string;
  azp: string;
  scope: string;
  iat: number;
  exp: number;
  gty: "client-credentials";
}

export interface IssuedAccessToken {
  accessToken: string;
  expiresIn: number;
  scope: string;
}

export type TokenVerification =
  | { valid: true; claims: AccessTokenClaims }
  | { valid: false; message: string };

export interface AccessTokenAuthority {
  issue(grant: { clientId: string; audience: string; scope: string[] }): IssuedAccessToken;
  verify(token: string, audience: string): TokenVerification;
}

const invalidTokenMessage = "Invalid token";
const invalidSignatureMessage = "Invalid signature received for JSON Web Token validation";
const expiredTokenMessage = "Expired token received for JSON Web Token validation";

/** Issues and checks HS256 tokens signed with a secret that never leaves this server. */
export function createAccessTokenAuthority(options: {
  issuer: string;
  lifetimeSeconds: number;
  clock: () => number;
}): AccessTokenAuthority {
  const secret = randomBytes(32);
  const nowSeconds = () => Math.floor(options.clock() / 1000);
  return {
    issue({ clientId, audience, scope }) {
      const iat = nowSeconds();
      const claims: AccessTokenClaims = {
        iss: options.issuer,
        sub: `${clientId}@clients`,
        aud: audience,
        azp: clientId,
        scope: scope.join(" "),
        iat,
        exp: iat + options.lifetimeSeconds,
        gty: "client-credentials",
      };
      return {
        accessToken: signJwt(claims, secret),
        expiresIn: options.lifetimeSeconds,
        scope: claims.scope,
      };
    },
    verify(token, audience) {
      const parts = token.split(".");
      const [encodedHeader, encodedClaims, signature] = parts;
      if (parts.length !== 3 || !encodedHeader || !encodedClaims || !signature) {
        return { valid: false, message: invalidTokenMessage };
      }
      const header = parseSegment(encodedHeader);
      const claims = parseSegment(encodedClaims);
      if (header?.alg !== "HS256" || !isClaims(claims)) {
        return { valid: false, message: invalidTokenMessage };
      }
      if (!signatureMatches(`${encodedHeader}.${encodedClaims}`, signature, secret)) {
        return { valid: false, message: invalidSignatureMessage };
      }
      if (claims.exp <= nowSeconds()) return { valid: false, message: expiredTokenMessage };
      if (claims.iss !== options.issuer)
        return { valid: false, message: `Bad issuer: ${claims.iss}` };
      if (claims.aud !== audience) return { valid: false, message: `Bad audience: ${claims.aud}` };
      return { valid: true, claims };
    },
  };
}

function signJwt(claims: AccessTokenClaims, secret: Buffer): string {
  const signingInput = `${encodeSegment({ alg: "HS256", typ: "JWT" })}.${encodeSegment(claims)}`;
  return `${signingInput}.${hmac(signingInput, secret).toString("base64url")}`;
}

function signatureMatches(signingInput: string, signature: string, secret: Buffer): boolean {
  const expected = hmac(signingInput, secret);
  const actual = Buffer.from(signature, "base64url");
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

function hmac(input: string, secret: Buffer): Buffer {
  return createHmac("sha256", secret).update(input).digest();
}

function encodeSegment(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString("base64url");
}

function parseSegment(segment: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(Buffer.from(segment, "base64url").toString("utf8"));
    return typeof value === "object" && value !== null
      ? (value as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

function isClaims(
  value: Record<string, unknown> | undefined,
): value is Record<string, unknown> & AccessTokenClaims {
  return (
    value !== undefined &&
    typeof value.exp === "number" &&
    typeof value.scope === "string" &&
    typeof value.aud === "string" &&
    typeof value.iss === "string"
  );
}
