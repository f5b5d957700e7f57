import { generateKeyPairSync, randomBytes } from "node:crypto";
import Provider, {
  type ClientMetadata,
  type Configuration,
  interactionPolicy,
  type KoaContextWithOIDC,
} from "oidc-provider";
import type { Client, TenantState } from "../tenant-state";

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
const userClaims = ["email", "email_verified", "name", "nickname", "picture"] as const;

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
}

/**
 * The tenant's OpenID provider, on oidc-provider (OpenID-certified): authorization code with
 * PKCE S256, `prompt`, `max_age`, `nonce`, RS256 ID tokens with `auth_time`, discovery, JWKS.
 * It knows nothing of connections: the sign-in pages and the post-login pipeline decide who
 * signed in, and tell it through the interaction's result.
 */
export function createAuthorizationProvider(options: AuthorizationProviderOptions): Provider {
  const { state, domain } = options;
  const configuration: Configuration = {
    clients: state.clients
      .filter((client) => client.app_type !== undefined)
      .map((client) => clientMetadata(client, domain, options.callbacks?.[client.client_id] ?? [])),
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
      profile: ["name", "nickname", "picture"],
    },
    scopes: ["openid", "profile", "email", "offline_access"],
    responseTypes: ["code"],
    // Auth0 parameters the sign-in pages read.
    extraParams: ["connection", "audience"],
    // Auth0 requires PKCE of no confidential client; a request that sends it is checked (S256).
    pkce: { required: () => false },
    features: { devInteractions: { enabled: false } },
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
    loadExistingGrant: grantEverythingRequested,
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
  return new Provider(`https://${domain}/`, configuration);
}

function clientMetadata(client: Client, domain: string, extraCallbacks: string[]): ClientMetadata {
  return {
    client_id: client.client_id,
    client_secret: client.client_secret,
    client_name: client.name,
    redirect_uris: [...(client.callbacks ?? []), ...extraCallbacks].map((callback) =>
      callback.replaceAll("{domain}", domain),
    ),
    grant_types: ["authorization_code"],
    response_types: ["code"],
    // Auth0's default for a regular web application.
    token_endpoint_auth_method: "client_secret_post",
    id_token_signed_response_alg: "RS256",
    require_auth_time: true,
  };
}

async function grantEverythingRequested(ctx: KoaContextWithOIDC) {
  const { client, session } = ctx.oidc;
  if (!client || !session?.accountId) return undefined;
  const grant = new ctx.oidc.provider.Grant({
    clientId: client.clientId,
    accountId: session.accountId,
  });
  grant.addOIDCScope([...ctx.oidc.requestParamScopes].join(" "));
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
