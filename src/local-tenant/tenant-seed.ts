import { applicationSeedProblems } from "./application-seed";
import type { SeedAuthenticationMethod } from "./authentication-methods";
import type {
  Client,
  Connection,
  Organization,
  Permission,
  ResourceServer,
  Role,
  StoredUser,
} from "./tenant-records";
import { identityKey } from "./user-store";

export interface TenantSeed {
  connections: Connection[];
  clients: Client[];
  users: StoredUser[];
  organizations?: Organization[];
  roles?: Role[];
  permissions?: Permission[];
  /**
   * Factors enrolled per user id; each user's `multifactor` follows from them. A seed user with
   * a `multifactor` and no method listed here gets one `guardian` method, so both views agree.
   */
  authenticationMethods?: SeedAuthenticationMethod[];
  /** Host names the tenant also answers on, as `GET /api/v2/custom-domains` lists them. */
  custom_domains?: string[];
  /** The tenant's Allowed Logout URLs: where `/v2/logout` may return when no client is named. */
  allowed_logout_urls?: string[];
  /** The APIs (resource servers) an `audience` may name. */
  resource_servers?: ResourceServer[];
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
  const seededUserIds = new Set(seed.users.map((user) => user.user_id));
  for (const method of seed.authenticationMethods ?? []) {
    if (!seededUserIds.has(method.user_id)) {
      problems.push(`authentication method ${method.type}: unknown user ${method.user_id}`);
    }
  }
  return [...problems, ...applicationSeedProblems(seed)];
}
