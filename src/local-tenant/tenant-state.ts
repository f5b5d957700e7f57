import { randomBytes } from "node:crypto";
import { readFile } from "node:fs/promises";
import { applicationSeedProblems } from "./application-seed";
import { checkProfileSize, type ProfileSizeWarning, profileTooLargeMessage } from "./profile-size";
import { storedAddress, withStoredAddresses } from "./stored-address";
import { identityKey, UserStore } from "./user-store";

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

export interface TenantStateOptions {
  now?: () => Date;
  /** Auth0's profile size limit (on by default); off is a tenant still in its migration period. */
  profileSizeLimit?: boolean;
}

export interface TenantSeed {
  connections: Connection[];
  clients: Client[];
  users: StoredUser[];
  organizations?: Organization[];
  roles?: Role[];
  permissions?: Permission[];
  /** Host names the tenant also answers on, as `GET /api/v2/custom-domains` lists them. */
  custom_domains?: string[];
  /** The tenant's Allowed Logout URLs: where `/v2/logout` may return when no client is named. */
  allowed_logout_urls?: string[];
  /** The APIs (resource servers) an `audience` may name. */
  resource_servers?: ResourceServer[];
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

export interface CreateUserInput {
  connection: string;
  providerUserId?: string;
  email?: string;
  email_verified?: boolean;
  profile?: Record<string, unknown>;
  created_at?: string;
}

export interface UserPatch {
  user_metadata?: Metadata;
  app_metadata?: Metadata;
  [rootField: string]: unknown;
}

export interface LinkIdentityInput {
  provider: string;
  user_id: string;
  connection_id?: string;
}

export type TenantErrorReason =
  | "user-not-found"
  | "connection-not-found"
  | "user-already-exists"
  | "invalid-patch"
  | "link-same-identity"
  | "link-secondary-not-found"
  | "link-identity-already-exists"
  | "unlink-main-identity"
  | "profile-too-large";

/** An error the Management API reports as `{ statusCode, error, message, errorCode? }`. */
export class ManagementApiError extends Error {
  readonly statusCode: number;
  readonly error: string;
  readonly errorCode: string | undefined;
  /** Our own code, for callers that must tell errors apart without matching messages. */
  readonly reason: TenantErrorReason;

  constructor(details: {
    statusCode: number;
    error: string;
    message: string;
    errorCode?: string;
    reason: TenantErrorReason;
  }) {
    super(details.message);
    this.name = "ManagementApiError";
    this.statusCode = details.statusCode;
    this.error = details.error;
    this.errorCode = details.errorCode;
    this.reason = details.reason;
  }
}

export const linkErrorMessages = {
  sameIdentity: "Main identity and the new one are the same.",
  secondaryNotFound: "Provided secondary account not found.",
  identityAlreadyExists: "Specified identity already exists.",
  mainIdentityCannotBeRemoved: "Main identity cannot be removed.",
} as const;

// Strategies whose identities Auth0 marks `isSocial: false`; every other strategy is a social
// provider (google-oauth2, apple, github, custom `oauth2`, ...).
const nonSocialStrategies = new Set([
  "auth0",
  "email",
  "sms",
  "samlp",
  "waad",
  "okta",
  "oidc",
  "adfs",
  "ad",
  "pingfederate",
  "google-apps",
  "wsfed",
  "ip",
  "office365",
  "custom",
]);

// Root fields that describe the account rather than the person; they do not travel into
// `profileData` when the account becomes a secondary identity.
const accountFields = new Set([
  "user_id",
  "identities",
  "app_metadata",
  "user_metadata",
  "created_at",
  "updated_at",
  "logins_count",
  "last_login",
  "last_ip",
  "blocked",
  "multifactor",
]);

// Root fields PATCH /api/v2/users/{id} accepts besides the two metadata objects.
const patchableRootFields = new Set([
  "email",
  "email_verified",
  "phone_number",
  "phone_verified",
  "name",
  "given_name",
  "family_name",
  "nickname",
  "picture",
  "username",
  "blocked",
  "verify_email",
  "password",
  "connection",
  "client_id",
]);
// Accepted by Auth0 but never stored on the user.
const transientPatchFields = new Set(["verify_email", "password", "connection", "client_id"]);

export class TenantState {
  readonly #connections: Connection[];
  readonly #clients: Client[];
  readonly #users = new UserStore();
  readonly #organizations: Organization[];
  readonly #roles: Role[];
  readonly #permissions: Permission[];
  readonly #customDomains: string[];
  readonly #now: () => Date;
  readonly #profileSizeLimit: boolean;
  readonly #profileSizeWarnings: ProfileSizeWarning[] = [];

  private constructor(seed: TenantSeed, options: TenantStateOptions) {
    this.#connections = structuredClone(seed.connections);
    this.#organizations = structuredClone(seed.organizations ?? []);
    this.#roles = structuredClone(seed.roles ?? []);
    this.#permissions = structuredClone(seed.permissions ?? []);
    this.#clients = structuredClone(seed.clients);
    this.#customDomains = [...(seed.custom_domains ?? [])];
    this.#now = options.now ?? (() => new Date());
    this.#profileSizeLimit = options.profileSizeLimit ?? true;
    const connectionNamed = (name: string) =>
      this.#connections.find((connection) => connection.name === name);
    for (const user of seed.users) {
      this.#users.put(
        withStoredAddresses(withMetadataObjects(structuredClone(user)), connectionNamed),
      );
    }
  }

  /** Throws a `TypeError` listing every problem when the seed is not a consistent tenant. */
  static fromSeed(seed: TenantSeed, options: TenantStateOptions = {}): TenantState {
    const problems = seedProblems(seed);
    if (problems.length > 0) throw new TypeError(`Invalid tenant seed:\n${problems.join("\n")}`);
    return new TenantState(seed, options);
  }

  static async fromFile(path: string, options: TenantStateOptions = {}): Promise<TenantState> {
    const seed = JSON.parse(await readFile(path, "utf8")) as TenantSeed;
    return TenantState.fromSeed(seed, options);
  }

  get customDomains(): string[] {
    return [...this.#customDomains];
  }

  get connections(): Connection[] {
    return structuredClone(this.#connections);
  }

  get clients(): Client[] {
    return structuredClone(this.#clients);
  }

  getConnectionByName(name: string): Connection | undefined {
    return copyOrUndefined(this.#connections.find((connection) => connection.name === name));
  }

  getConnectionById(id: string): Connection | undefined {
    return copyOrUndefined(this.#connections.find((connection) => connection.id === id));
  }

  /** By id or by name, as a login's `organization` parameter accepts either. */
  getOrganization(idOrName: string): Organization | undefined {
    return copyOrUndefined(
      this.#organizations.find(
        (organization) => organization.id === idOrName || organization.name === idOrName,
      ),
    );
  }

  /** The organizations a user id is a member of, like `GET /api/v2/users/{id}/organizations`. */
  organizationsOf(userId: string): Organization[] {
    return structuredClone(
      this.#organizations.filter((organization) => organization.members.includes(userId)),
    );
  }

  /** The roles assigned to a user id, like `GET /api/v2/users/{id}/roles`. */
  rolesOf(userId: string): Role[] {
    return structuredClone(this.#roles.filter((role) => role.users.includes(userId)));
  }

  /** The permissions assigned to a user id directly, like `GET /api/v2/users/{id}/permissions`. */
  permissionsOf(userId: string): Permission[] {
    return structuredClone(
      this.#permissions.filter((permission) => permission.users.includes(userId)),
    );
  }

  getClient(clientId: string): Client | undefined {
    return copyOrUndefined(this.#clients.find((client) => client.client_id === clientId));
  }

  getUser(id: string): StoredUser | undefined {
    return copyOrUndefined(this.#users.get(id));
  }

  listUsers(): StoredUser[] {
    return structuredClone([...this.#users.values()]);
  }

  /**
   * The stored users that pass `predicate`, in the order they were created, uncopied: for
   * searches and exports over large tenants. Callers must not change them (the store replaces
   * a user on every write and never changes one in place, so the list stays as it was).
   */
  usersMatching(
    predicate: (user: Readonly<StoredUser>) => boolean,
  ): readonly Readonly<StoredUser>[] {
    const matching: StoredUser[] = [];
    for (const user of this.#users.values()) if (predicate(user)) matching.push(user);
    return matching;
  }

  /** Exact, case-sensitive match on the root `email`, like `GET /api/v2/users-by-email`. */
  usersByEmail(email: string): StoredUser[] {
    return structuredClone(this.#users.byEmail(email));
  }

  /** In `connection` only when one is named: two database connections can hold the same id. */
  findUserByIdentity(
    provider: string,
    providerUserId: string,
    connection?: string,
  ): StoredUser | undefined {
    return copyOrUndefined(this.#users.byIdentity(provider, providerUserId, connection));
  }

  /** Deep copy of every user, for tests that check nothing was lost. */
  snapshot(): StoredUser[] {
    return this.listUsers();
  }

  createUser(input: CreateUserInput): StoredUser {
    const connection = this.#connections.find((candidate) => candidate.name === input.connection);
    if (!connection) {
      throw new ManagementApiError({
        statusCode: 400,
        error: "Bad Request",
        message: "The connection does not exist.",
        errorCode: "inexistent_connection",
        reason: "connection-not-found",
      });
    }
    const provider = connection.strategy;
    const providerUserId = input.providerUserId ?? randomBytes(12).toString("hex");
    const userId = `${provider}|${providerUserId}`;
    if (this.#users.byIdentity(provider, providerUserId, connection.name)) {
      throw new ManagementApiError({
        statusCode: 409,
        error: "Conflict",
        message: "The user already exists.",
        errorCode: "auth0_idp_error",
        reason: "user-already-exists",
      });
    }
    const createdAt = input.created_at ?? this.#now().toISOString();
    const profile = structuredClone(input.profile ?? {});
    const email = input.email === undefined ? undefined : storedAddress(connection, input.email);
    const user: StoredUser = {
      ...profile,
      ...(email === undefined ? {} : { email, email_verified: input.email_verified ?? false }),
      name: stringOr(profile.name, email ?? userId),
      nickname: stringOr(profile.nickname, email?.split("@")[0] ?? providerUserId),
      user_id: userId,
      created_at: createdAt,
      updated_at: createdAt,
      identities: [
        {
          provider,
          user_id: providerUserId,
          connection: connection.name,
          isSocial: !nonSocialStrategies.has(connection.strategy),
        },
      ],
      app_metadata: {},
      user_metadata: {},
      logins_count: 0,
    };
    this.#users.put(user);
    return structuredClone(user);
  }

  /**
   * The person enrols a factor (Guardian, at a login): the Management API's user then lists the
   * provider in `multifactor`. No Management API write does this.
   */
  enrollFactor(id: string, provider: string): StoredUser {
    const user = this.#requireUser(id);
    const enrolled = Array.isArray(user.multifactor) ? user.multifactor : [];
    if (!enrolled.includes(provider)) user.multifactor = [...enrolled, provider];
    return structuredClone(user);
  }

  /**
   * Auth0's PATCH semantics: each metadata object is merged at its root (a `null` value deletes
   * the key, `{}` wipes the whole object); other root fields are replaced, and `null` unsets one.
   */
  updateUser(
    id: string,
    patch: UserPatch,
    // The Management API's PATCH enforces the profile size limit; what Auth0 does with writes it
    // makes itself at a login (a provider's profile refresh) is undocumented, so those pass.
    options: { enforceProfileSize?: boolean } = {},
  ): StoredUser {
    const user = this.#requireUser(id);
    const invalidField = Object.keys(patch).find(
      (field) =>
        field !== "user_metadata" && field !== "app_metadata" && !patchableRootFields.has(field),
    );
    if (invalidField !== undefined) {
      throw invalidPatch(
        `Payload validation error: 'Additional properties not allowed: ${invalidField}'.`,
      );
    }
    for (const field of ["user_metadata", "app_metadata"] as const) {
      const value = patch[field];
      if (value !== undefined && !isPlainObject(value)) {
        throw invalidPatch(
          `Payload validation error: 'Expected type object but found type ${typeName(value)}' on property ${field}.`,
        );
      }
    }
    const copy = structuredClone(patch);
    const updated: StoredUser = { ...user };
    for (const [field, value] of Object.entries(copy)) {
      // Transient fields act on the account (a password, an email to send); they are not stored.
      if (transientPatchFields.has(field)) continue;
      if (field === "user_metadata" || field === "app_metadata") {
        updated[field] = mergeMetadata(user[field], value as Metadata);
      } else if (value === null) {
        delete updated[field];
      } else if (field === "email" && typeof value === "string") {
        updated.email = storedAddress(this.#mainConnectionOf(user), value);
      } else {
        updated[field] = value;
      }
    }
    updated.updated_at = this.#now().toISOString();
    if (options.enforceProfileSize) this.#checkSize(updated);
    this.#users.put(updated);
    return structuredClone(updated);
  }

  /**
   * Auth0's account linking: the secondary user disappears, its identity (with its root profile
   * as `profileData`) joins the primary's identities, and its metadata is discarded.
   *
   * The link acts on whoever holds the identity when it is sent. When that user holds other
   * identities too (the identity was linked into it, or it is its main identity and others were
   * linked into it), Auth0 does not refuse: the holder moves whole into the primary, every
   * identity with it, and is deleted (Auth0 support article "Attempting to Link a User to an
   * Already Linked Identity - Results Does not Fail", community.auth0.com/t/132916).
   */
  linkIdentity(primaryId: string, input: LinkIdentityInput): UserIdentity[] {
    const primary = this.#requireUser(primaryId);
    const secondaryId = `${input.provider}|${input.user_id}`;
    if (secondaryId === primary.user_id) {
      throw linkError(400, "Bad Request", linkErrorMessages.sameIdentity, "link-same-identity");
    }
    if (primary.identities.some((identity) => sameIdentity(identity, input))) {
      throw linkError(
        409,
        "Conflict",
        linkErrorMessages.identityAlreadyExists,
        "link-identity-already-exists",
      );
    }
    const connectionName =
      input.connection_id === undefined
        ? undefined
        : (this.getConnectionById(input.connection_id)?.name ?? "");
    const holder = this.#users.byIdentity(input.provider, input.user_id, connectionName);
    if (!holder) {
      throw linkError(
        400,
        "Bad Request",
        linkErrorMessages.secondaryNotFound,
        "link-secondary-not-found",
      );
    }
    const [holderMain, ...holderLinked] = holder.identities;
    const identities = [
      ...primary.identities,
      ...(holderMain ? [{ ...holderMain, profileData: profileOf(holder) }] : []),
      ...holderLinked,
    ];
    this.#checkSize({ ...primary, identities });
    this.#users.delete(holder);
    // Memberships, roles and permissions belong to a user id: the secondary's go with it (Auth0
    // documents no carry-over).
    for (const organization of this.#organizations) {
      organization.members = organization.members.filter((member) => member !== holder.user_id);
    }
    for (const assigned of [...this.#roles, ...this.#permissions]) {
      assigned.users = assigned.users.filter((user) => user !== holder.user_id);
    }
    this.#users.put({
      ...primary,
      identities,
      updated_at: this.#now().toISOString(),
    });
    return structuredClone(identities);
  }

  /**
   * Auth0's unlinking: the identity leaves the primary and becomes a user of its own again,
   * built from its `profileData`, with no metadata; the answer is the primary's remaining
   * identities. Auth0's answer for an identity the primary does not have is undocumented: this
   * emulator answers 200 with the identities unchanged, and callers must tolerate either.
   */
  unlinkIdentity(primaryId: string, provider: string, providerUserId: string): UserIdentity[] {
    const primary = this.#requireUser(primaryId);
    const wanted = { provider, user_id: providerUserId };
    const [main] = primary.identities;
    if (main && sameIdentity(main, wanted)) {
      throw linkError(
        400,
        "Bad Request",
        linkErrorMessages.mainIdentityCannotBeRemoved,
        "unlink-main-identity",
      );
    }
    const leaving = primary.identities.find((identity) => sameIdentity(identity, wanted));
    if (!leaving) return structuredClone(primary.identities);
    const identities = primary.identities.filter((identity) => identity !== leaving);
    const now = this.#now().toISOString();
    const { profileData, ...identity } = leaving;
    this.#users.put({ ...primary, identities, updated_at: now });
    this.#users.put({
      ...structuredClone(profileData ?? {}),
      user_id: identityKey(identity.provider, identity.user_id),
      created_at: now,
      updated_at: now,
      identities: [identity],
      app_metadata: {},
      user_metadata: {},
      logins_count: 0,
    });
    return structuredClone(identities);
  }

  /** Warnings written for profiles stored over the size limit, as Auth0's tenant logs. */
  get profileSizeWarnings(): ProfileSizeWarning[] {
    return structuredClone(this.#profileSizeWarnings);
  }

  #checkSize(user: StoredUser): void {
    if (!this.#profileSizeLimit) return;
    const verdict = checkProfileSize(user, this.#now().toISOString());
    if (verdict.kind === "warn") this.#profileSizeWarnings.push(verdict.warning);
    if (verdict.kind === "reject") {
      throw new ManagementApiError({
        statusCode: 400,
        error: "Bad Request",
        message: profileTooLargeMessage,
        errorCode: "invalid_body",
        reason: "profile-too-large",
      });
    }
  }

  incrementLoginsCount(id: string): StoredUser {
    const user = this.#requireUser(id);
    const updated: StoredUser = {
      ...user,
      logins_count: (user.logins_count ?? 0) + 1,
      last_login: this.#now().toISOString(),
    };
    this.#users.put(updated);
    return structuredClone(updated);
  }

  #mainConnectionOf(user: StoredUser): Connection | undefined {
    const main = user.identities[0];
    return this.#connections.find((connection) => connection.name === main?.connection);
  }

  #requireUser(id: string): StoredUser {
    const user = this.#users.get(id);
    if (!user) {
      throw new ManagementApiError({
        statusCode: 404,
        error: "Not Found",
        message: "The user does not exist.",
        errorCode: "inexistent_user",
        reason: "user-not-found",
      });
    }
    return user;
  }
}

const connectionIdPattern = /^con_[A-Za-z0-9]{16}$/;

export function seedProblems(seed: TenantSeed): string[] {
  const connectionNames = new Set(seed.connections.map((connection) => connection.name));
  const problems = seed.connections
    .filter((connection) => !connectionIdPattern.test(connection.id))
    .map(
      (connection) =>
        `connection ${connection.name}: id ${connection.id} is not con_ + 16 letters or digits`,
    );
  // A user id may repeat in another connection (two database connections can hold the same id),
  // never within one.
  const userIds = new Set<string>();
  const identityOwners = new Map<string, string>();
  for (const user of seed.users) {
    const main = user.identities[0];
    const userKey = `${main?.connection}\n${user.user_id}`;
    if (userIds.has(userKey)) problems.push(`user ${user.user_id}: duplicate user_id`);
    userIds.add(userKey);
    if (!main || `${main.provider}|${main.user_id}` !== user.user_id) {
      problems.push(`user ${user.user_id}: identities[0] must be provider|user_id of the user`);
    }
    for (const identity of user.identities) {
      if (!connectionNames.has(identity.connection)) {
        problems.push(`user ${user.user_id}: unknown connection ${identity.connection}`);
      }
      const key = `${identityKey(identity.provider, identity.user_id)} in ${identity.connection}`;
      const owner = identityOwners.get(key);
      if (owner !== undefined && owner !== user.user_id) {
        problems.push(`user ${user.user_id}: identity ${key} also belongs to user ${owner}`);
      }
      identityOwners.set(key, user.user_id);
    }
  }
  return [...problems, ...applicationSeedProblems(seed)];
}

export function mergeMetadata(current: Metadata, patch: Metadata): Metadata {
  if (Object.keys(patch).length === 0) return {};
  const merged: Metadata = { ...current };
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) {
      delete merged[key];
    } else {
      // A root key named `__proto__` is data in JSON: defining it keeps it data here too.
      Object.defineProperty(merged, key, {
        value,
        enumerable: true,
        writable: true,
        configurable: true,
      });
    }
  }
  return merged;
}

/** What a user's root profile becomes when it turns into a secondary identity's `profileData`. */
export function profileOf(user: StoredUser): Record<string, unknown> {
  return Object.fromEntries(Object.entries(user).filter(([field]) => !accountFields.has(field)));
}

function sameIdentity(
  identity: Pick<UserIdentity, "provider" | "user_id">,
  wanted: Pick<UserIdentity, "provider" | "user_id">,
): boolean {
  return (
    identity.provider === wanted.provider && String(identity.user_id) === String(wanted.user_id)
  );
}

function withMetadataObjects(user: StoredUser): StoredUser {
  return {
    ...user,
    app_metadata: user.app_metadata ?? {},
    user_metadata: user.user_metadata ?? {},
  };
}

function linkError(
  statusCode: 400 | 409,
  error: string,
  message: string,
  reason: TenantErrorReason,
): ManagementApiError {
  return new ManagementApiError({ statusCode, error, message, reason });
}

function invalidPatch(message: string): ManagementApiError {
  return new ManagementApiError({
    statusCode: 400,
    error: "Bad Request",
    message,
    errorCode: "invalid_body",
    reason: "invalid-patch",
  });
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function typeName(value: unknown): string {
  if (value === null) return "null";
  return Array.isArray(value) ? "array" : typeof value;
}

function stringOr(value: unknown, fallback: string): string {
  return typeof value === "string" ? value : fallback;
}

function copyOrUndefined<T>(value: T | undefined): T | undefined {
  return value === undefined ? undefined : structuredClone(value);
}
