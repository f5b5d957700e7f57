export interface Connection {
  /** `con_` followed by 16 alphanumeric characters. */
  id: string;
  name: string;
  strategy: string;
  /** As `GET /api/v2/connections/{id}` returns them, e.g. `enabledDatabaseCustomization`. */
  options?: Record<string, unknown>;
}

/** An organization and the user ids that are its members. */
export interface Organization {
  /** `org_` followed by 16 alphanumeric characters. */
  id: string;
  name: string;
  display_name?: string;
  members: string[];
}

/** A role (RBAC) and the user ids it is assigned to. */
export interface Role {
  /** `rol_` followed by 16 alphanumeric characters. */
  id: string;
  name: string;
  description?: string;
  users: string[];
}

/** A permission of an API and the user ids it is assigned to directly (not through a role). */
export interface Permission {
  resource_server_identifier: string;
  permission_name: string;
  resource_server_name?: string;
  description?: string;
  users: string[];
}

export interface ClientGrant {
  /** Absent: the tenant's own Management API, whose URL depends on the port it listens on. */
  audience?: string;
  scope: string[];
}

export interface Client {
  client_id: string;
  client_secret: string;
  name: string;
  grants: ClientGrant[];
  /** A client that signs people in: `regular_web`, as Auth0 names the application type. */
  app_type?: string;
  /**
   * Allowed callback URLs; `{domain}` stands for the tenant's domain (`localhost:PORT`), which
   * is only known once the tenant listens.
   */
  callbacks?: string[];
  /** Auth0's default for a regular web application: `authorization_code`, `implicit`, `refresh_token`, `client_credentials`. */
  grant_types?: string[];
  /** Auth0's default for a regular web application: `client_secret_post`. */
  token_endpoint_auth_method?: string;
  /** The names of the connections people may sign in with; absent: every connection. */
  enabled_connections?: string[];
  /** Allowed Logout URLs: where `/v2/logout` and OIDC logout may return; `{domain}` as in `callbacks`. */
  allowed_logout_urls?: string[];
  /** Allowed Web Origins: the origins a single-page application calls the tenant from. */
  web_origins?: string[];
  /** Refresh token rotation; Auth0's default is `non-rotating`. */
  refresh_token?: { rotation_type: "rotating" | "non-rotating" };
}

/** An API as Auth0's resource servers describe it. */
export interface ResourceServer {
  identifier: string;
  name?: string;
  scopes?: { value: string; description?: string }[];
  /** RBAC: access tokens carry only the scopes the user's roles and permissions grant. */
  enforce_policies?: boolean;
  /** With RBAC, the access token also lists the user's permissions in `permissions`. */
  token_dialect?: "access_token" | "access_token_authz";
}

export interface UserIdentity {
  provider: string;
  /** Without the `provider|` prefix. */
  user_id: string;
  connection: string;
  isSocial: boolean;
  profileData?: Record<string, unknown>;
  /** The identity provider's tokens: answered only to `read:user_idp_tokens` (`user-view.ts`). */
  access_token?: string;
  access_token_secret?: string;
  refresh_token?: string;
}

export type Metadata = Record<string, unknown>;

/** A user as Auth0's Management API returns it. */
export interface StoredUser {
  user_id: string;
  email?: string;
  email_verified?: boolean;
  name?: string;
  nickname?: string;
  picture?: string;
  created_at: string;
  updated_at: string;
  identities: UserIdentity[];
  app_metadata: Metadata;
  user_metadata: Metadata;
  logins_count?: number;
  last_login?: string;
  [profileField: string]: unknown;
}

export function copyOrUndefined<T>(value: T | undefined): T | undefined {
  return value === undefined ? undefined : structuredClone(value);
}
