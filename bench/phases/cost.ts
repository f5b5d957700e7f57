import { performance } from "node:perf_hooks";
import type { LoginInput } from "../../src/local-tenant/simulator/login";
import type { StoredUser, TenantState } from "../../src/local-tenant/tenant-state";
import { type ActionUnderTest, keepsStateBetweenLogins } from "../actions-under-test";
import { type BenchTenant, startBenchTenant } from "../bench-tenant";
import type { KnownIdentity, LinkTally } from "../ground-truth";
import { type BenchLogin, type LoginKind, loginKinds } from "../login-stream";
import { buildScenario } from "../scenario";
import { perThousand } from "../statistics";
import { type StoredAddressCase, storedAddressCaseOf, storedAddressCases } from "../stored-address";

export interface RequestCount {
  logins: number;
  /** Management API and token requests together. */
  requests: number;
  requestsPer1000Logins: number;
}

export interface CostFigures {
  users: number;
  /** Processes the people were shared out to, each with its own tenant and Action instance. */
  workers: number;
  /**
   * Every existing person's first login after the Action is installed, in seed order; not played
   * for an Action that keeps no state between logins (it would change nothing it later meets).
   */
  installPass?: RequestCount;
  stream: RequestCount & {
    byEndpointPer1000Logins: Record<string, number>;
    tokenRequests: number;
    byKind: Record<LoginKind, RequestCount>;
    /**
     * Returning logins and refresh-token exchanges of people already seen, by how the address of
     * the account they logged in with is stored, as it was before the login.
     */
    returning: Record<StoredAddressCase, RequestCount>;
    failedLogins: number;
  };
  links: LinkTally;
  wallMs: number;
}

export interface CostOptions {
  seed: number;
  users: number;
  logins: number;
  /** Defaults to whether the Action keeps state between logins. */
  installPass?: boolean;
}

/** Which people one worker plays: those whose number is `index` modulo `count`. */
export interface CostShard {
  index: number;
  count: number;
}

type Tally = { logins: number; requests: number };

/** What one worker counted: plain sums, so that workers' figures add up. */
export interface CostShardCounts {
  installPass: Tally;
  stream: Tally & {
    byEndpoint: Record<string, number>;
    byKind: Record<LoginKind, Tally>;
    returning: Record<StoredAddressCase, Tally>;
    failedLogins: number;
  };
  links: LinkTally;
}

export interface CostShardRequest {
  action: ActionUnderTest;
  options: CostOptions;
  shard: CostShard;
}

/**
 * Phase 1: how many requests each Action costs the tenant, and whether its links are right,
 * all people played in this process. `bench/cost-workers.ts` shares them out to processes.
 */
export async function runCostPhase(
  action: ActionUnderTest,
  options: CostOptions,
): Promise<CostFigures> {
  const startedAt = performance.now();
  const counts = await runCostShard({ action, options, shard: { index: 0, count: 1 } });
  return combineCostShards([counts], { users: options.users, startedAt });
}

/** Plays the shard's people: their install-pass logins, then their part of the stream. */
export async function runCostShard(request: CostShardRequest): Promise<CostShardCounts> {
  const { action, options, shard } = request;
  const { tenant, stream } = await buildScenario({ seed: options.seed, users: options.users });
  const inShard = (person: number) => person % shard.count === shard.index;
  const seeded = tenant.seeded.filter((identity) => inShard(identity.person));
  const seededUserIds = new Set(seeded.map((identity) => userIdOf(identity)));
  // Every worker draws the whole stream, so each person's logins are the same whatever the count.
  const logins = Array.from({ length: options.logins }, () => stream.next()).filter((login) =>
    inShard(login.person),
  );
  const seed = {
    ...tenant.seed,
    users: tenant.seed.users.filter((user) => seededUserIds.has(user.user_id)),
  };
  const bench = await startBenchTenant({ action, seed, transport: "in-process" });
  try {
    const playsInstallPass = options.installPass ?? keepsStateBetweenLogins[action];
    const installPass = await playInstallPass(bench, playsInstallPass ? seeded : []);
    const streamCounts = await playStream(bench, logins);
    return {
      installPass,
      stream: streamCounts,
      links: tenant.truth.tally(bench.state.listUsers()),
    };
  } finally {
    await bench.close();
  }
}

function userIdOf(identity: KnownIdentity): string {
  return `${identity.strategy}|${identity.providerUserId}`;
}

async function playInstallPass(bench: BenchTenant, seeded: readonly KnownIdentity[]) {
  let requests = 0;
  for (const identity of seeded) {
    const { result } = await loginAndForgetLog(bench, {
      connection: identity.connection,
      providerUserId: identity.providerUserId,
    });
    requests += result.managementApiCalls.length;
  }
  return { logins: seeded.length, requests };
}

// The emulator's log would otherwise hold every request of the run: it is emptied once the login
// has read its part.
async function loginAndForgetLog(bench: BenchTenant, input: LoginInput) {
  const login = await bench.login(input);
  bench.api.requestLog.clear();
  return login;
}

const returningKinds: ReadonlySet<LoginKind> = new Set(["returning", "refresh-token"]);

const emptyTally = (): Tally => ({ logins: 0, requests: 0 });
const tallies = <K extends string>(keys: readonly K[]) =>
  Object.fromEntries(keys.map((key) => [key, emptyTally()])) as Record<K, Tally>;

/** Plays the logins in order and counts their requests. */
export async function playStream(
  bench: BenchTenant,
  logins: readonly BenchLogin[],
): Promise<CostShardCounts["stream"]> {
  const counts: CostShardCounts["stream"] = {
    ...emptyTally(),
    byEndpoint: {},
    byKind: tallies(loginKinds),
    returning: tallies(storedAddressCases),
    failedLogins: 0,
  };
  for (const login of logins) {
    const returning = returningKinds.has(login.kind);
    const loggingIn = returning ? accountLoggingIn(bench.state, login.input) : undefined;
    const { result } = await loginAndForgetLog(bench, login.input);
    const loginRequests = result.managementApiCalls.length;
    for (const call of result.managementApiCalls) {
      counts.byEndpoint[call.endpointKey] = (counts.byEndpoint[call.endpointKey] ?? 0) + 1;
    }
    const counted = [counts, counts.byKind[login.kind]];
    if (returning) counted.push(counts.returning[storedAddressCaseOf(loggingIn)]);
    for (const tally of counted) {
      tally.logins++;
      tally.requests += loginRequests;
    }
    if (result.sessionUserId === undefined) counts.failedLogins++;
  }
  return counts;
}

// The account the login starts as, not the one it ends on: a login of an account stored with
// capitals that links a lower-case sign-up ends on the sign-up (the preferred primary), and its
// requests are the capitals account's recheck, not a cost of lower-case accounts.
function accountLoggingIn(state: TenantState, input: LoginInput): StoredUser | undefined {
  const strategy = state.getConnectionByName(input.connection)?.strategy;
  return strategy === undefined
    ? undefined
    : state.findUserByIdentity(strategy, input.providerUserId);
}

/**
 * The figures of a cost phase whose people were shared out to shards: no login changes anything
 * another person's logins see (people never share an address), so the shards' counts add up.
 */
export function combineCostShards(
  shards: readonly CostShardCounts[],
  run: { users: number; startedAt: number },
): CostFigures {
  return {
    users: run.users,
    workers: shards.length,
    ...figuresOf(addCounts(shards)),
    wallMs: performance.now() - run.startedAt,
  };
}

function addCounts(shards: readonly CostShardCounts[]): CostShardCounts {
  const sum = (pick: (counts: CostShardCounts) => number) =>
    shards.reduce((total, counts) => total + pick(counts), 0);
  const sumTally = (pick: (counts: CostShardCounts) => Tally): Tally => ({
    logins: sum((counts) => pick(counts).logins),
    requests: sum((counts) => pick(counts).requests),
  });
  const sumTallies = <K extends string>(
    keys: readonly K[],
    pick: (counts: CostShardCounts) => Record<K, Tally>,
  ) =>
    Object.fromEntries(keys.map((key) => [key, sumTally((counts) => pick(counts)[key])])) as Record<
      K,
      Tally
    >;
  const endpoints = [...new Set(shards.flatMap((counts) => Object.keys(counts.stream.byEndpoint)))];
  return {
    installPass: sumTally((counts) => counts.installPass),
    stream: {
      ...sumTally((counts) => counts.stream),
      byEndpoint: Object.fromEntries(
        endpoints.map((endpoint) => [
          endpoint,
          sum((counts) => counts.stream.byEndpoint[endpoint] ?? 0),
        ]),
      ),
      byKind: sumTallies(loginKinds, (counts) => counts.stream.byKind),
      returning: sumTallies(storedAddressCases, (counts) => counts.stream.returning),
      failedLogins: sum((counts) => counts.stream.failedLogins),
    },
    links: {
      expected: sum((counts) => counts.links.expected),
      correct: sum((counts) => counts.links.correct),
      wrong: sum((counts) => counts.links.wrong),
      missed: sum((counts) => counts.links.missed),
      missedWithCaseVariants: sum((counts) => counts.links.missedWithCaseVariants),
      unknownIdentities: sum((counts) => counts.links.unknownIdentities),
    },
  };
}

function figuresOf(counts: CostShardCounts): Omit<CostFigures, "users" | "workers" | "wallMs"> {
  const { stream } = counts;
  const mapValues = <K extends string>(record: Record<K, Tally>) =>
    Object.fromEntries(
      Object.entries<Tally>(record).map(([key, tally]) => [key, requestCount(tally)]),
    ) as Record<K, RequestCount>;
  return {
    ...(counts.installPass.logins > 0 ? { installPass: requestCount(counts.installPass) } : {}),
    stream: {
      ...requestCount(stream),
      byEndpointPer1000Logins: Object.fromEntries(
        Object.entries(stream.byEndpoint).map(([endpoint, count]) => [
          endpoint,
          perThousand(count, stream.logins),
        ]),
      ),
      tokenRequests: stream.byEndpoint.token ?? 0,
      byKind: mapValues(stream.byKind),
      returning: mapValues(stream.returning),
      failedLogins: stream.failedLogins,
    },
    links: counts.links,
  };
}

function requestCount({ logins, requests }: Tally): RequestCount {
  return { logins, requests, requestsPer1000Logins: perThousand(requests, logins) };
}
