import { createHash, randomBytes } from "node:crypto";
import { exportJWK, generateKeyPair, type JWK, type KeyLike, SignJWT } from "jose";

export interface SignInOptions {
  /** The account the person actually signed in to. */
  sub: string;
  /** Seconds since the epoch; now by default. */
  authTime?: number;
  /** Overrides of the ID token's claims (undefined removes one). */
  claims?: Record<string, unknown>;
  /** Sign with this key instead of the tenant's. */
  signingKey?: { key: KeyLike; kid: string };
  alg?: string;
}

interface IssuedCode {
  challenge: string;
  nonce: string;
  redirectUri: string;
  clientId: string;
  options: SignInOptions;
  used: boolean;
}

/**
 * A stand-in for the tenant's /oauth/token and JWKS, for unit tests of the continuation: it keeps
 * codes bound to their PKCE challenge, refuses a replayed one, and signs ID tokens RS256.
 */
export class FakeAuthorizationServer {
  requests: { url: string; body?: URLSearchParams }[] = [];
  private readonly codes = new Map<string, IssuedCode>();
  private tenantKey!: { privateKey: KeyLike; jwk: JWK };
  tokenEndpointDown = false;
  keySetUnreadable = false;
  /** How long the token endpoint takes to answer. */
  tokenLatencyMs = 0;

  constructor(
    readonly domain: string,
    readonly clientId: string,
    readonly clientSecret: string,
  ) {}

  async start(): Promise<this> {
    const { privateKey, publicKey } = await generateKeyPair("RS256");
    this.tenantKey = {
      privateKey,
      jwk: { ...(await exportJWK(publicKey)), kid: "tenant-key", alg: "RS256", use: "sig" },
    };
    return this;
  }

  /** Forgets codes and requests, keeping the key: a new RSA key costs about a second. */
  reset(): void {
    this.codes.clear();
    this.requests = [];
    this.tokenEndpointDown = false;
    this.keySetUnreadable = false;
    this.tokenLatencyMs = 0;
  }

  /** The person signs in at /authorize with the Action's query; returns the code it sends back. */
  signIn(query: Record<string, string>, options: SignInOptions): string {
    const code = randomBytes(16).toString("hex");
    this.codes.set(code, {
      challenge: query.code_challenge ?? "",
      nonce: query.nonce ?? "",
      redirectUri: query.redirect_uri ?? "",
      clientId: query.client_id ?? "",
      options,
      used: false,
    });
    return code;
  }

  fetch = async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    const url = String(input);
    if (url === `https://${this.domain}/.well-known/jwks.json`) {
      this.requests.push({ url });
      if (this.keySetUnreadable) return new Response("<html>maintenance</html>", { status: 200 });
      return Response.json({ keys: [this.tenantKey.jwk] });
    }
    if (url === `https://${this.domain}/oauth/token`) {
      const body = new URLSearchParams(String(init?.body ?? ""));
      this.requests.push({ url, body });
      await new Promise((resolve) => setTimeout(resolve, this.tokenLatencyMs));
      if (this.tokenEndpointDown) return new Response("unavailable", { status: 503 });
      return this.token(body);
    }
    return new Response("not found", { status: 404 });
  };

  private async token(body: URLSearchParams): Promise<Response> {
    const refuse = (error: string) =>
      Response.json({ error, error_description: "refused" }, { status: 400 });
    if (
      body.get("client_id") !== this.clientId ||
      body.get("client_secret") !== this.clientSecret
    ) {
      return Response.json({ error: "access_denied" }, { status: 401 });
    }
    const issued = this.codes.get(body.get("code") ?? "");
    if (!issued || body.get("grant_type") !== "authorization_code") return refuse("invalid_grant");
    if (issued.used) return refuse("invalid_grant");
    issued.used = true;
    const verifier = body.get("code_verifier") ?? "";
    if (createHash("sha256").update(verifier).digest("base64url") !== issued.challenge) {
      return refuse("invalid_grant");
    }
    if (body.get("redirect_uri") !== issued.redirectUri || issued.clientId !== this.clientId) {
      return refuse("invalid_grant");
    }
    return Response.json({ id_token: await this.idToken(issued), token_type: "Bearer" });
  }

  private async idToken(issued: IssuedCode): Promise<string> {
    const now = Math.floor(Date.now() / 1000);
    const claims: Record<string, unknown> = {
      iss: `https://${this.domain}/`,
      aud: this.clientId,
      sub: issued.options.sub,
      nonce: issued.nonce,
      auth_time: issued.options.authTime ?? now,
      iat: now,
      exp: now + 36_000,
      ...issued.options.claims,
    };
    for (const [key, value] of Object.entries(claims)) if (value === undefined) delete claims[key];
    const key = issued.options.signingKey ?? { key: this.tenantKey.privateKey, kid: "tenant-key" };
    return new SignJWT(claims)
      .setProtectedHeader({ alg: issued.options.alg ?? "RS256", kid: key.kid, typ: "JWT" })
      .sign(key.key);
  }
}
