import { randomBytes } from "node:crypto";
import { readFile } from "node:fs/promises";
import { type AuthenticationMethod, EnrolledMethods } from "./authentication-methods";
import { Holdings } from "./holdings";
import {
  identitiesAfterLink,
  identityToUnlink,
  isSocialStrategy,
  type LinkIdentityInput,
  refuseRelink,
  requireSecondary,
  userOfUnlinkedIdentity,
} from "./identity-linking";
import { ManagementApiError } from "./management-api-error";
import { checkProfileSize, type ProfileSizeWarning, profileTooLargeMessage } from "./profile-size";
import { storedAddress, withStoredAddresses } from "./stored-address";
import { TenantDirectory } from "./tenant-directory";
import {
  type Client,
  type Connection,
  copyOrUndefined,
  type Organization,
  type Permission,
  type Role,
  type StoredUser,
  type UserIdentity,
} from "./tenant-records";
import { seedProblems, type TenantSeed } from "./tenant-seed";
import { checkPatch, patchedUser, type UserPatch } from "./user-patch";
import { UserStore } from "./user-store";

// The types most callers take from here, so they need not know which module defines them.
export type { LinkIdentityInput } from "./identity-linking";
export type { TenantErrorReason } from "./management-api-error";
export type {
  Client,
  ClientGrant,
  Connection,
  Metadata,
  Organization,
  Permission,
  ResourceServer,
  Role,
  StoredUser,
  UserIdentity,
} from "./tenant-records";
export type { TenantSeed } from "./tenant-seed";
export type { UserPatch } from "./user-patch";

export interface TenantStateOptions {
  now?: () => Date;
  /** Auth0's profile size limit (on by default); off is a tenant still in its migration period. */
  profileSizeLimit?: boolean;
}

export interface CreateUserInput {
  connection: string;
  providerUserId?: string;
  email?: string;
  email_verified?: boolean;
  profile?: Record<string, unknown>;
  created_at?: string;
}

/**
 * The local tenant's in-memory state: the users, and what composes around them (the directory
 * of connections and clients, the holdings of organizations, roles and permissions, the
 * enrolled authentication methods).
 */
export class TenantState {
  readonly #directory: TenantDirectory;
  readonly #users = new UserStore();
  readonly #holdings: Holdings;
  readonly #authenticationMethods = new EnrolledMethods();
  readonly #now: () => Date;
  readonly #profileSizeLimit: boolean;
  readonly #profileSizeWarnings: ProfileSizeWarning[] = [];

  private constructor(seed: TenantSeed, options: TenantStateOptions) {
    this.#directory = new TenantDirectory(seed);
    this.#holdings = new Holdings(seed);
    this.#now = options.now ?? (() => new Date());
    this.#profileSizeLimit = options.profileSizeLimit ?? true;
    const connectionNamed = (name: string) => this.#directory.connectionNamed(name);
    for (const user of seed.users) {
      this.#users.put(
        withStoredAddresses(withMetadataObjects(structuredClone(user)), connectionNamed),
      );
    }
    const seeded = new Set((seed.authenticationMethods ?? []).map((method) => method.user_id));
    for (const user of seed.users) {
      const listed = user.multifactor;
      if (!seeded.has(user.user_id) && Array.isArray(listed) && listed.length > 0) {
        this.enrollAuthenticationMethod(user.user_id, "guardian");
      }
    }
    for (const { user_id, type, confirmed } of seed.authenticationMethods ?? []) {
      this.enrollAuthenticationMethod(user_id, type, confirmed === undefined ? {} : { confirmed });
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
    return this.#directory.customDomains;
  }

  get connections(): Connection[] {
    return this.#directory.connections;
  }

  get clients(): Client[] {
    return this.#directory.clients;
  }

  getConnectionByName(name: string): Connection | undefined {
    return this.#directory.getConnectionByName(name);
  }

  getConnectionById(id: string): Connection | undefined {
    return this.#directory.getConnectionById(id);
  }

  /** By id or by name, as a login's `organization` parameter accepts either. */
  getOrganization(idOrName: string): Organization | undefined {
    return this.#holdings.getOrganization(idOrName);
  }

  /** The organizations a user id is a member of, like `GET /api/v2/users/{id}/organizations`. */
  organizationsOf(userId: string): Organization[] {
    return this.#holdings.organizationsOf(userId);
  }

  /** The roles assigned to a user id, like `GET /api/v2/users/{id}/roles`. */
  rolesOf(userId: string): Role[] {
    return this.#holdings.rolesOf(userId);
  }

  /** The permissions assigned to a user id directly, like `GET /api/v2/users/{id}/permissions`. */
  permissionsOf(userId: string): Permission[] {
    return this.#holdings.permissionsOf(userId);
  }

  /**
   * A user's authentication methods, like `GET /api/v2/users/{id}/authentication-methods`;
   * `undefined` for a user id that does not exist.
   */
  authenticationMethodsOf(userId: string): AuthenticationMethod[] | undefined {
    if (!this.#users.has(userId)) return undefined;
    return this.#authenticationMethods.of(userId);
  }

  /** `event.user.enrolledFactors` of a user: every factor it enrolled. */
  enrolledFactorsOf(userId: string): { type: string }[] {
    return this.#authenticationMethods.enrolledFactorsOf(userId);
  }

  /**
   * Enrols a factor for a user, as its owner does at an MFA prompt, and sets its `multifactor`
   * the way Auth0 does: cleared when the only factors are email or WebAuthn.
   */
  enrollAuthenticationMethod(
    userId: string,
    type: string,
    options: { confirmed?: boolean } = {},
  ): AuthenticationMethod {
    const user = this.#requireUser(userId);
    const method: AuthenticationMethod = {
      id: `${type}|dev_${randomBytes(8).toString("hex")}`,
      type,
      ...(options.confirmed === undefined ? {} : { confirmed: options.confirmed }),
      created_at: this.#now().toISOString(),
    };
    const multifactor = this.#authenticationMethods.enroll(userId, method);
    const { multifactor: _previous, ...rest } = user;
    this.#users.put({ ...rest, ...(multifactor === undefined ? {} : { multifactor }) });
    return structuredClone(method);
  }

  getClient(clientId: string): Client | undefined {
    return this.#directory.getClient(clientId);
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
    const connection = this.#directory.connectionNamed(input.connection);
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
          isSocial: isSocialStrategy(connection.strategy),
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

  /** Auth0's PATCH semantics (`user-patch.ts`), stamped with a new `updated_at`. */
  updateUser(
    id: string,
    patch: UserPatch,
    // The Management API's PATCH enforces the profile size limit; what Auth0 does with writes it
    // makes itself at a login (a provider's profile refresh) is undocumented, so those pass.
    options: { enforceProfileSize?: boolean } = {},
  ): StoredUser {
    const user = this.#requireUser(id);
    checkPatch(patch);
    const mainConnection = this.#directory.connectionNamed(user.identities[0]?.connection);
    const updated = patchedUser(user, patch, (email) => storedAddress(mainConnection, email));
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
    refuseRelink(primary, input);
    const connectionName =
      input.connection_id === undefined
        ? undefined
        : (this.getConnectionById(input.connection_id)?.name ?? "");
    const holder = requireSecondary(
      this.#users.byIdentity(input.provider, input.user_id, connectionName),
    );
    const identities = identitiesAfterLink(primary, holder);
    this.#checkSize({ ...primary, identities });
    this.#users.delete(holder);
    // Memberships, roles and permissions belong to a user id: the secondary's go with it (Auth0
    // documents no carry-over).
    this.#holdings.forget(holder.user_id);
    // What becomes of a secondary's factors is undocumented: they are taken as lost.
    this.#authenticationMethods.forget(holder.user_id);
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
    const leaving = identityToUnlink(primary, provider, providerUserId);
    if (!leaving) return structuredClone(primary.identities);
    const identities = primary.identities.filter((identity) => identity !== leaving);
    const now = this.#now().toISOString();
    this.#users.put({ ...primary, identities, updated_at: now });
    this.#users.put(userOfUnlinkedIdentity(leaving, now));
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

function withMetadataObjects(user: StoredUser): StoredUser {
  return {
    ...user,
    app_metadata: user.app_metadata ?? {},
    user_metadata: user.user_metadata ?? {},
  };
}

function stringOr(value: unknown, fallback: string): string {
  return typeof value === "string" ? value : fallback;
}
