import type { RequestFailure } from "../../../src/action/management/failure";
import type {
  CallOptions,
  IdentityToLink,
  ManagementPort,
  MetadataPatch,
} from "../../../src/action/management/management-port";
import type { Holding } from "../../../src/linking/secondary-holdings";

export interface FakeUser {
  user_id: string;
  email?: string;
  email_verified?: boolean;
  created_at?: string;
  identities: { provider: string; user_id: string; connection: string; isSocial: boolean }[];
  user_metadata?: Record<string, unknown>;
  app_metadata?: Record<string, unknown>;
  [key: string]: unknown;
}

export interface FakeConnection {
  id?: string;
  name: string;
  strategy: string;
  options?: Record<string, unknown>;
}

export type PortCall =
  | { op: "usersByEmail"; email: string }
  | { op: "listDatabaseConnections" }
  | { op: "anyEntryOf"; holding: Holding; userId: string }
  | { op: "hasSecondFactor"; userId: string }
  | { op: "updateMetadata"; userId: string; patch: MetadataPatch }
  | { op: "linkIdentity"; primaryUserId: string; identity: IdentityToLink; mustFinish: boolean }
  | { op: "getIdentities"; userId: string }
  | { op: "getUser"; userId: string };

type Operation = PortCall["op"];

/**
 * An in-memory stand-in for the Management API port, for unit tests of the orchestration: it keeps
 * users, applies updates and links the way Auth0 does at the root level, records every call, and
 * fails the operations a test tells it to.
 */
export class FakeManagementPort implements ManagementPort {
  readonly calls: PortCall[] = [];
  private readonly failures = new Map<Operation, RequestFailure>();
  private readonly holdingFailures = new Map<Holding, RequestFailure>();
  private readonly alreadyLinked = new Set<string>();
  private readonly linkedAway = new Map<string, string>();
  private linkAnswersLost = false;
  private readonly organizationMembers = new Set<string>();
  private readonly roleHolders = new Set<string>();
  private readonly permissionHolders = new Set<string>();
  private readonly factorHolders = new Set<string>();
  private holdingReadsInFlight = 0;
  /** The most reads of a user's memberships, roles and permissions that were unanswered at once. */
  mostHoldingReadsInFlight = 0;
  requestCount = 0;
  tokenRequestCount = 0;

  constructor(
    readonly users: FakeUser[],
    readonly connections: FakeConnection[] = [
      {
        id: "con_0000000000000001",
        name: "Username-Password-Authentication",
        strategy: "auth0",
        options: { passwordPolicy: "good" },
      },
    ],
  ) {}

  failOn(op: Operation, failure: RequestFailure): this {
    this.failures.set(op, failure);
    return this;
  }

  /** Fails the reads of one list (`anyEntryOf`), leaving the other lists readable. */
  failOnHolding(holding: Holding, failure: RequestFailure): this {
    this.holdingFailures.set(holding, failure);
    return this;
  }

  /** Makes this user a member of an organization. */
  memberOfAnOrganization(userId: string): this {
    this.organizationMembers.add(userId);
    return this;
  }

  /** Assigns this user a role. */
  withRole(userId: string): this {
    this.roleHolders.add(userId);
    return this;
  }

  /** Assigns this user a permission directly. */
  withPermission(userId: string): this {
    this.permissionHolders.add(userId);
    return this;
  }

  /**
   * Gives this user a second factor its `multifactor` does not show (email or WebAuthn alone):
   * only its authentication methods list it.
   */
  withUnlistedFactor(userId: string): this {
    this.factorHolders.add(userId);
    return this;
  }

  /** Makes the link of this secondary answer like a concurrent login had already done it. */
  linkedConcurrently(secondaryUserId: string): this {
    this.alreadyLinked.add(secondaryUserId);
    return this;
  }

  /**
   * Makes another login link this secondary into `ownerUserId` just before this execution's link
   * of it is sent. Auth0 then moves the owner whole into this execution's primary, with no error.
   */
  linkedElsewhere(secondaryUserId: string, ownerUserId: string): this {
    this.linkedAway.set(secondaryUserId, ownerUserId);
    return this;
  }

  /** Makes every link happen but its answer never arrive, like a connection dropped after the write. */
  loseLinkAnswers(): this {
    this.linkAnswersLost = true;
    return this;
  }

  user(userId: string): FakeUser | undefined {
    return this.users.find((u) => u.user_id === userId);
  }

  private record(call: PortCall): RequestFailure | undefined {
    this.calls.push(call);
    this.requestCount++;
    if (call.op === "anyEntryOf") return this.holdingFailures.get(call.holding);
    return this.failures.get(call.op);
  }

  async usersByEmail(email: string) {
    const failure = this.record({ op: "usersByEmail", email });
    if (failure) return { ok: false as const, failure };
    return {
      ok: true as const,
      value: structuredClone(this.users.filter((u) => u.email === email)),
    };
  }

  async listDatabaseConnections() {
    const failure = this.record({ op: "listDatabaseConnections" });
    if (failure) return { ok: false as const, failure };
    return {
      ok: true as const,
      value: structuredClone(this.connections.filter((c) => c.strategy === "auth0")),
    };
  }

  async anyEntryOf(holding: Holding, userId: string) {
    const holders = {
      organizations: this.organizationMembers,
      roles: this.roleHolders,
      permissions: this.permissionHolders,
    }[holding];
    return this.holdingRead({ op: "anyEntryOf", holding, userId }, holders);
  }

  async hasSecondFactor(userId: string) {
    const listed = this.user(userId)?.multifactor;
    const enrolled = this.factorHolders.has(userId) || (Array.isArray(listed) && listed.length > 0);
    return this.holdingRead({ op: "hasSecondFactor", userId }, new Set(enrolled ? [userId] : []));
  }

  // Answered a turn of the event loop later, like a request: reads sent together overlap.
  private async holdingRead(call: PortCall & { userId: string }, holders: Set<string>) {
    const failure = this.record(call);
    this.holdingReadsInFlight++;
    this.mostHoldingReadsInFlight = Math.max(
      this.mostHoldingReadsInFlight,
      this.holdingReadsInFlight,
    );
    await new Promise((resolve) => setImmediate(resolve));
    this.holdingReadsInFlight--;
    if (failure) return { ok: false as const, failure };
    return { ok: true as const, value: holders.has(call.userId) };
  }

  async updateMetadata(userId: string, patch: MetadataPatch) {
    const failure = this.record({ op: "updateMetadata", userId, patch: structuredClone(patch) });
    if (failure) return { ok: false as const, failure };
    const user = this.user(userId);
    if (user) {
      user.user_metadata = { ...user.user_metadata, ...patch.user_metadata };
      user.app_metadata = { ...user.app_metadata, ...patch.app_metadata };
    }
    return { ok: true as const, value: undefined };
  }

  private moveInto(ownerUserId: string, secondary: FakeUser | undefined): void {
    const index = secondary ? this.users.indexOf(secondary) : -1;
    if (!secondary || index < 0) return;
    this.user(ownerUserId)?.identities.push(...secondary.identities);
    this.users.splice(index, 1);
  }

  async getUser(userId: string) {
    const failure = this.record({ op: "getUser", userId });
    if (failure) return { ok: false as const, failure };
    const user = this.user(userId);
    if (!user) {
      return {
        ok: false as const,
        failure: {
          kind: "client_error" as const,
          status: 404,
          message: "The user does not exist.",
        },
      };
    }
    return { ok: true as const, value: structuredClone(user) as unknown };
  }

  async getIdentities(userId: string) {
    const failure = this.record({ op: "getIdentities", userId });
    if (failure) return { ok: false as const, failure };
    const user = this.user(userId);
    if (!user) {
      const gone = {
        kind: "client_error" as const,
        status: 404,
        message: "The user does not exist.",
      };
      return { ok: false as const, failure: gone };
    }
    return { ok: true as const, value: toLinkedIdentities(user.identities) };
  }

  async linkIdentity(primaryUserId: string, identity: IdentityToLink, options?: CallOptions) {
    const failure = this.record({
      op: "linkIdentity",
      primaryUserId,
      identity,
      mustFinish: options?.mustFinish ?? false,
    });
    if (failure) return { ok: false as const, failure };
    const secondaryId = `${identity.provider}|${identity.providerUserId}`;
    const owner = this.linkedAway.get(secondaryId);
    if (owner !== undefined) this.moveInto(owner, this.user(secondaryId));
    if (this.alreadyLinked.has(secondaryId)) {
      return { ok: true as const, value: { kind: "already_linked" as const } };
    }
    const primary = this.user(primaryUserId);
    if (!primary) {
      const gone = {
        kind: "client_error" as const,
        status: 404,
        message: "The user does not exist.",
      };
      return { ok: false as const, failure: gone };
    }
    // The port reads 409 "Specified identity already exists." as already linked.
    if (primary.identities.some((held) => isIdentity(held, identity))) {
      return { ok: true as const, value: { kind: "already_linked" as const } };
    }
    // Auth0 links whoever holds the identity now, whole: support article "Attempting to Link a
    // User to an Already Linked Identity - Results Does not Fail" (community.auth0.com/t/132916).
    // Only the database connections carry ids here: another connection's id narrows nothing.
    const connection =
      identity.connectionId === undefined
        ? undefined
        : this.connections.find((c) => c.id === identity.connectionId)?.name;
    const holder = this.users.find((user) =>
      user.identities.some(
        (held) =>
          isIdentity(held, identity) &&
          (connection === undefined || held.connection === connection),
      ),
    );
    if (!holder) {
      const notFound = {
        kind: "client_error" as const,
        status: 400,
        message: "Provided secondary account not found.",
      };
      return { ok: false as const, failure: notFound };
    }
    this.moveInto(primaryUserId, holder);
    if (this.linkAnswersLost) {
      return { ok: false as const, failure: { kind: "network" as const, message: "fetch failed" } };
    }
    return {
      ok: true as const,
      value: { kind: "linked" as const, identities: toLinkedIdentities(primary.identities) },
    };
  }
}

function isIdentity(held: FakeUser["identities"][number], wanted: IdentityToLink): boolean {
  return held.provider === wanted.provider && held.user_id === wanted.providerUserId;
}

function toLinkedIdentities(identities: FakeUser["identities"]) {
  return identities.map((held) => ({
    provider: held.provider,
    providerUserId: held.user_id,
    connection: held.connection,
  }));
}
