import { generateKeyPairSync, randomBytes } from "node:crypto";
import Provider, {
  type Configuration,
  interactionPolicy,
  type KoaContextWithOIDC,
} from "oidc-provider";
import type { TenantState } from "../tenant-state";
import type { ApiAccessTokens } from "./api-access-tokens";
import { allowedWebOrigin, applicationMetadata } from "./application-metadata";

/** Auth0's paths on the tenant domain, where oidc-provider has its own defaults. */
export const loginSideRoutes = {
  authorization: "/authorize",
  token: "/oauth/token",
  jwks: "/.well-known/jwks.json",
  userinfo: "/userinfo",
  end_session: "/oidc/logout",
} as const;

export const signInPath = "/login";
/** The interaction reason of a login answered from the session: only the pipeline must run. */
export const postLoginPipelineReason = "post_login_pipeline";
export const continuePath = "/continue";

const signingKeyId = "local-tenant-signing-key";
const userClaims = [
  "email",
  "email_verified",
  "name",
  "nickname",
  "picture",
  "updated_at",
] as const;
const offlineAccess = "offline_access";
// Set by the login side (never by the client) on an authorization request whose scope asks
// offline_access: oidc-provider drops that scope without prompt=consent, Auth0 does not.
const offlineAccessAsked = "x_local_offline_access";

/** The authorization request, marked when its scope asks offline_access. */
export function withOfflineAccessMark(url: URL): string {
  const marked = new URL(url);
  marked.searchParams.delete(offlineAccessAsked);
  const scope = marked.searchParams.get("scope")?.split(" ") ?? [];
  if (scope.includes(offlineAccess)) marked.searchParams.set(offlineAccessAsked, "true");
  return `${marked.pathname}${marked.search}`;
}

export interface AuthorizationProviderOptions {
  state: TenantState;
  /** `localhost:PORT` */
  domain: string;
  /** More allowed callback URLs by client id, e.g. a test application's. */
  callbacks?: Record<string, string[]>;
  /**
   * Runs the post-login pipeline for a `prompt=none` login answered from the session; true when
   * it ended as that same account, so tokens can be issued without interaction.
   */
  silentLogin(accountId: string, clientId: string | undefined): Promise<boolean>;
  /** The seed's APIs, which an `audience` may name. */
  apis: ApiAccessTokens;
}

/**
 * The tenant's OpenID provider, on oidc-provider (OpenID-certified): authorization code with
 * PKCE S256, `prompt`, `max_age`, `nonce`, RS256 ID tokens with `auth_time`, discovery, JWKS.
 * It knows nothing of connections: the sign-in pages and the post-login pipeline decide who
 * signed in, and tell it through the interaction's result.
 */
export function createAuthorizationProvider(options: AuthorizationProviderOptions): Provider {
  const { state, domain, apis } = options;
  const configuration: Configuration = {
    clients: state.clients
      .filter((client) => client.app_type !== undefined)
      .map((client) =>
        applicationMetadata(client, domain, options.callbacks?.[client.client_id] ?? []),
      ),
    extraClientMetadata: { properties: ["web_origins"] },
    jwks: { keys: [signingKey()] },
    routes: loginSideRoutes,
    interactions: {
      url: (_ctx, interaction) => `${signInPath}/${interaction.uid}`,
      policy: everyLoginRunsThePipeline(options.silentLogin),
    },
    cookies: { keys: [randomBytes(32).toString("base64url")] },
    // Auth0 puts the profile and email claims in the ID token itself.
    conformIdTokenClaims: false,
    claims: {
      // `amr` is present only when the login says so: Auth0 lists `mfa` once MFA was performed.
      openid: ["sub", "amr"],
      email: ["email", "email_verified"],
      profile: ["name", "nickname", "picture", "updated_at"],
    },
    scopes: ["openid", "profile", "email", offlineAccess],
    responseTypes: ["code", "id_token", "code id_token"],
    // Auth0 parameters the sign-in pages read.
    extraParams: ["connection", "audience", offlineAccessAsked],
    // Auth0 requires PKCE of no confidential client; a request that sends it is checked (S256).
    pkce: { required: () => false },
    features: {
      devInteractions: { enabled: false },
      rpInitiatedLogout: { enabled: true, logoutSource: confirmLogoutAtOnce },
      // Auth0 names the API with `audience`; oidc-provider's resource indicators do the rest.
      resourceIndicators: {
        enabled: true,
        defaultResource: (ctx) => apis.audienceOf(ctx),
        useGrantedResource: () => true,
        getResourceServerInfo: (_ctx, indicator) => apis.resourceServerInfo(indicator),
      },
    },
    extraTokenClaims: (_ctx, token) =>
      apis.extraClaims(
        token.aud,
        "accountId" in token ? token.accountId : undefined,
        token.clientId,
      ),
    // Auth0's CORS rule for the token, userinfo and discovery endpoints.
    clientBasedCORS: (_ctx, origin, client) => allowedWebOrigin(origin, client),
    // Auth0 issues a refresh token to an application allowed the grant that asked for
    // offline_access, whatever `prompt` says (oidc-provider drops the scope without
    // prompt=consent, so the grant remembers it), and it outlives the session.
    issueRefreshToken: async (ctx, client) =>
      client.grantTypeAllowed("refresh_token") && grantAsksOfflineAccess(ctx),
    expiresWithSession: async (ctx) => !grantAsksOfflineAccess(ctx),
    // The application's rotation setting; Auth0's default is non-rotating.
    rotateRefreshToken: (ctx) =>
      state.getClient(ctx.oidc.client?.clientId ?? "")?.refresh_token?.rotation_type === "rotating",
    // Auth0's defaults where it has them (ID token 10 h, access token 24 h, session 3 days idle).
    ttl: {
      AccessToken: 86_400,
      AuthorizationCode: 60,
      IdToken: 36_000,
      Interaction: 3_600,
      Session: 3 * 86_400,
      Grant: 3 * 86_400,
    },
    // First-party applications: Auth0 asks no consent of them.
    loadExistingGrant: (ctx) => grantEverythingRequested(ctx, apis),
    findAccount: (_ctx, sub) => {
      const user = state.getUser(sub);
      if (!user) return undefined;
      return {
        accountId: sub,
        claims: () => ({
          sub,
          ...Object.fromEntries(
            userClaims
              .filter((claim) => user[claim] !== undefined)
              .map((claim) => [claim, user[claim]]),
          ),
        }),
      };
    },
  };
  const provider = new Provider(`https://${domain}/`, configuration);
  withAuth0ClientRules(provider);
  return provider;
}

// Two places where Auth0 and oidc-provider differ and oidc-provider has no setting:
// - Auth0 puts `sid` in every ID token; oidc-provider only for back-channel logout clients.
// - Auth0 lets an application allowed the implicit grant use http://localhost callbacks;
//   oidc-provider refuses them (these two rules, by their codes) for web clients.
const implicitCallbackRules = new Set(["implicit-force-https", "implicit-forbid-localhost"]);
function withAuth0ClientRules(provider: Provider): void {
  provider.Client.prototype.includeSid = () => true;
  const schema = (
    provider.Client as unknown as {
      Schema: { prototype: { invalidate(message: string, code?: string): void } };
    }
  ).Schema.prototype;
  const invalidate = schema.invalidate;
  schema.invalidate = function (this: unknown, message: string, code?: string) {
    if (code !== undefined && implicitCallbackRules.has(code)) return;
    invalidate.call(this, message, code);
  };
}

function grantAsksOfflineAccess(ctx: KoaContextWithOIDC): boolean {
  return (ctx.oidc.entities.Grant?.getOIDCScope() ?? "").split(" ").includes(offlineAccess);
}

// Auth0's logout asks nothing; oidc-provider's asks to confirm with a form, sent here at once
// (the form's own action and xsrf value, and `logout=yes`: the whole session ends).
async function confirmLogoutAtOnce(ctx: KoaContextWithOIDC, form: string) {
  const action = /action="([^"]+)"/.exec(form)?.[1] ?? "";
  const xsrf = /name="xsrf" value="([^"]+)"/.exec(form)?.[1] ?? "";
  ctx.type = "html";
  ctx.body = `<!doctype html><html><head><title>Signing out</title></head><body><form method="post" action="${action}"><input type="hidden" name="xsrf" value="${xsrf}"/><input type="hidden" name="logout" value="yes"/><noscript><button type="submit">Sign out</button></noscript></form><script>document.forms[0].submit()</script></body></html>`;
}

async function grantEverythingRequested(ctx: KoaContextWithOIDC, apis: ApiAccessTokens) {
  const { client, session } = ctx.oidc;
  if (!client || !session?.accountId) return undefined;
  const grant = new ctx.oidc.provider.Grant({
    clientId: client.clientId,
    accountId: session.accountId,
  });
  grant.addOIDCScope([...ctx.oidc.requestParamScopes].join(" "));
  if (ctx.oidc.params?.[offlineAccessAsked] === "true") grant.addOIDCScope(offlineAccess);
  for (const indicator of Object.keys(ctx.oidc.resourceServers ?? {})) {
    const { granted, refused } = apis.grantedScopes(
      indicator,
      session.accountId,
      ctx.oidc.requestParamScopes,
    );
    if (granted.length > 0) grant.addResourceScope(indicator, granted.join(" "));
    if (refused.length > 0) grant.rejectResourceScope(indicator, refused.join(" "));
  }
  await grant.save();
  return grant;
}

function signingKey() {
  const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  return { ...privateKey.export({ format: "jwk" }), kid: signingKeyId, alg: "RS256", use: "sig" };
}

// Auth0 runs the post-login Actions at every login, one answered from the session included; in
// oidc-provider a login the session answers needs no interaction, so one is required here
// until the pipeline has run. Under prompt=none there is no page to show: the pipeline runs
// inside the check, and anything but ending as the session's account is interaction_required.
function everyLoginRunsThePipeline(silentLogin: AuthorizationProviderOptions["silentLogin"]) {
  const policy = interactionPolicy.base();
  policy.get("login")?.checks.add(
    new interactionPolicy.Check(
      postLoginPipelineReason,
      "the post-login Actions run at every login",
      "interaction_required",
      async (ctx) => {
        if (ctx.oidc.result?.login) return interactionPolicy.Check.NO_NEED_TO_PROMPT;
        const accountId = ctx.oidc.session?.accountId;
        if (accountId && ctx.oidc.prompts.has("none")) {
          return !(await silentLogin(accountId, ctx.oidc.client?.clientId));
        }
        return interactionPolicy.Check.REQUEST_PROMPT;
      },
    ),
  );
  return policy;
}
