import type { LogLine } from "../../../src/action/log-line";
import { MARKER_KEY } from "../../../src/linking/marker";
import {
  type LocalTenant,
  type LocalTenantOptions,
  linkingClientName,
  loadDemoSeed,
  startLocalTenant,
} from "../../../src/local-tenant/local-tenant";
import type { LoginInput, LoginResult } from "../../../src/local-tenant/simulator/login";
import type {
  Connection,
  Organization,
  Permission,
  Role,
  StoredUser,
} from "../../../src/local-tenant/tenant-state";
import { type AccountSpec, storedAccount, userIdOf } from "./accounts";
import { inventoryOf, type PersonInventory } from "./person-inventory";
import { closeWhenDone } from "./scenario-scope";

export const databaseConnection = "Username-Password-Authentication";

/** A connection at a provider that reports whatever address its user typed as verified. */
export const nonVerifyingConnection: Connection = {
  id: "con_Nv0erIfyInG0auth",
  name: "anything-goes-oauth2",
  strategy: "oauth2",
};

export interface ScenarioOptions {
  /** The users already in the tenant; the demo seed's users are not included. */
  accounts?: AccountSpec[];
  /** Connections added to the demo seed's. */
  extraConnections?: Connection[];
  /** Organizations and their members (user ids). */
  organizations?: Organization[];
  /** Roles, and the user ids they are assigned to. */
  roles?: Role[];
  /** Permissions, and the user ids they are assigned to directly. */
  permissions?: Permission[];
  /** tenant.yaml keywords, e.g. `{ ON_ERROR: "deny" }`. */
  settings?: Record<string, string>;
  rateLimit?: LocalTenantOptions["rateLimit"];
  /** Scopes taken out of the Action's application's grant, as a tenant that granted fewer. */
  withoutActionScopes?: readonly string[];
  scopeAnswers?: LocalTenantOptions["scopeAnswers"];
}

export interface Scenario {
  tenant: LocalTenant;
  connections: Connection[];
  login(input: LoginInput): Promise<LoginResult>;
  userId(connection: string, providerUserId: string): string;
  /** The user that holds this identity now: its own account, or the primary it was linked into. */
  ownerOf(connection: string, providerUserId: string): string;
  user(userId: string): StoredUser | undefined;
  inventory(email: string): PersonInventory;
}

/** A local tenant running the built Action, closed when the test ends. */
export async function startScenario(options: ScenarioOptions = {}): Promise<Scenario> {
  const demo = await loadDemoSeed({ withUsers: false });
  const connections = [...demo.connections, ...(options.extraConnections ?? [])];
  const withheld = new Set(options.withoutActionScopes ?? []);
  const clients = demo.clients.map((client) =>
    client.name === linkingClientName
      ? {
          ...client,
          grants: client.grants.map((grant) => ({
            ...grant,
            scope: grant.scope.filter((scope) => !withheld.has(scope)),
          })),
        }
      : client,
  );
  const tenant = await startLocalTenant({
    seed: {
      ...demo,
      clients,
      connections,
      users: (options.accounts ?? []).map((spec) => storedAccount(connections, spec)),
      ...(options.organizations ? { organizations: options.organizations } : {}),
      ...(options.roles ? { roles: options.roles } : {}),
      ...(options.permissions ? { permissions: options.permissions } : {}),
    },
    ...(options.settings ? { settings: options.settings } : {}),
    ...(options.rateLimit ? { rateLimit: options.rateLimit } : {}),
    ...(options.scopeAnswers ? { scopeAnswers: options.scopeAnswers } : {}),
  });
  closeWhenDone(() => tenant.close());
  return {
    tenant,
    connections,
    login: (input) => tenant.login(input),
    userId: (connection, providerUserId) => userIdOf(connections, connection, providerUserId),
    ownerOf: (connection, providerUserId) => {
      const [provider] = userIdOf(connections, connection, providerUserId).split("|");
      const owner = tenant.state.findUserByIdentity(provider as string, providerUserId);
      return owner?.user_id ?? userIdOf(connections, connection, providerUserId);
    },
    user: (userId) => tenant.state.getUser(userId),
    inventory: (email) => inventoryOf(tenant.state.snapshot(), email),
  };
}

export type LinkingLogLine = Omit<LogLine, "event">;

/** The Action's one log line for this login; fails the test when there is none. */
export function linkingLine(result: LoginResult): LinkingLogLine {
  const line = result.logLines.find(
    (candidate) => (candidate as { event?: unknown }).event === "account_linking",
  );
  if (!line) throw new Error(`the Action wrote no account_linking line: ${result.logs.join("\n")}`);
  return line as LinkingLogLine;
}

/** What a login ended as, in words for the summary. */
export function describeLogin(result: LoginResult): string {
  const line = result.logLines.find(
    (candidate) => (candidate as { event?: unknown }).event === "account_linking",
  ) as LinkingLogLine | undefined;
  const action = line ? `${line.outcome}: ${line.reason}` : "no log line";
  if (result.denied !== undefined) return `denied (${action})`;
  if (result.error !== undefined) return `login failed: ${result.errorCode} (${action})`;
  return `signed in as ${result.sessionUserId} (${action})`;
}

/** A user as it was, without what the user's own login changes: counters and the marker. */
export function withoutOwnLoginTraces(user: StoredUser | undefined): unknown {
  if (!user) return undefined;
  const { logins_count: _count, last_login: _last, updated_at: _updated, ...rest } = user;
  const { [MARKER_KEY]: _marker, ...appMetadata } = rest.app_metadata;
  return { ...rest, app_metadata: appMetadata };
}

/** Link requests made since `mark` (from `requestLog.mark()`), or ever. */
export function countLinkRequests(tenant: LocalTenant, mark = 0): number {
  return tenant.api.requestLog.since(mark).filter((entry) => entry.endpointKey === "link-identity")
    .length;
}
