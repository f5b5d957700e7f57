import {
  errors,
  type KoaContextWithOIDC,
  type ResourceServer as ProviderResourceServer,
} from "oidc-provider";
import type { ResourceServer, TenantState } from "../tenant-state";

// Auth0's default access token lifetime for an API (24 h).
const accessTokenLifetime = 86_400;

/**
 * The seed's APIs as oidc-provider's resource indicators: an `audience` naming one yields an
 * RS256 JWT access token (`iss`, `aud`, `sub`, `scope`, `azp`), with `permissions` where the API
 * enforces RBAC with the "access_token_authz" dialect
 * (https://auth0.com/docs/get-started/apis/enable-role-based-access-control-for-apis).
 */
export class ApiAccessTokens {
  readonly #apis: readonly ResourceServer[];
  readonly #state: TenantState;

  constructor(apis: readonly ResourceServer[], state: TenantState) {
    this.#apis = apis;
    this.#state = state;
  }

  /** The `audience` of an authorization request; one the seed lacks is refused, as on Auth0. */
  audienceOf(ctx: KoaContextWithOIDC): string | undefined {
    const audience = ctx.oidc.params?.audience;
    return typeof audience === "string" && audience !== "" ? audience : undefined;
  }

  resourceServerInfo(identifier: string): ProviderResourceServer {
    const api = this.#find(identifier);
    if (!api) throw new errors.InvalidTarget(`Service not found: ${identifier}`);
    return {
      audience: api.identifier,
      scope: (api.scopes ?? []).map(({ value }) => value).join(" "),
      accessTokenTTL: accessTokenLifetime,
      accessTokenFormat: "jwt",
      jwt: { sign: { alg: "RS256" } },
    };
  }

  /**
   * The requested scopes the API has, split into granted and refused: with RBAC only those the
   * user holds a permission for (Auth0 leaves the others out of the token).
   */
  grantedScopes(identifier: string, userId: string, requested: ReadonlySet<string>) {
    const api = this.#find(identifier);
    const offered = (api?.scopes ?? []).map(({ value }) => value).filter((s) => requested.has(s));
    if (!api?.enforce_policies) return { granted: offered, refused: [] };
    const held = new Set(this.#permissions(identifier, userId));
    return {
      granted: offered.filter((scope) => held.has(scope)),
      refused: offered.filter((scope) => !held.has(scope)),
    };
  }

  /** `azp`, and `permissions` for an API that enforces RBAC with the authz dialect. */
  extraClaims(audience: unknown, userId: string | undefined, clientId: string | undefined) {
    const api = typeof audience === "string" ? this.#find(audience) : undefined;
    if (!api) return undefined;
    const withPermissions =
      api.enforce_policies === true && api.token_dialect === "access_token_authz" && userId;
    return {
      ...(clientId ? { azp: clientId } : {}),
      ...(withPermissions ? { permissions: this.#permissions(api.identifier, userId) } : {}),
    };
  }

  #permissions(identifier: string, userId: string): string[] {
    return this.#state
      .permissionsOf(userId)
      .filter((permission) => permission.resource_server_identifier === identifier)
      .map((permission) => permission.permission_name);
  }

  #find(identifier: string): ResourceServer | undefined {
    return this.#apis.find((api) => api.identifier === identifier);
  }
}
