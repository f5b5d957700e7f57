import { performance } from "node:perf_hooks";
import type { LoginInput } from "../../src/local-tenant/simulator/login";
import type { ActionUnderTest } from "../actions-under-test";
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
  /** Every existing person's first login after the Action is installed, in seed order. */
  installPass: RequestCount;
  stream: RequestCount & {
    byEndpointPer1000Logins: Record<string, number>;
    tokenRequests: number;
    byKind: Record<LoginKind, RequestCount>;
    /**
     * Returning logins and refresh-token exchanges of people already seen, by how the address of
     * the account the login ended on is stored.
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
}

/** Phase 1: how many requests each Action costs the tenant, and whether its links are right. */
export async function runCostPhase(
  action: ActionUnderTest,
  options: CostOptions,
): Promise<CostFigures> {
  const startedAt = performance.now();
  const { tenant, stream } = await buildScenario({ seed: options.seed, users: options.users });
  const bench = await startBenchTenant({ action, seed: tenant.seed, transport: "in-process" });
  try {
    // Before the stream is drawn, the ground truth holds exactly the seeded accounts.
    const installPass = await playInstallPass(bench, tenant.truth.identities());
    const logins: BenchLogin[] = Array.from({ length: options.logins }, () => stream.next());
    const streamFigures = await playStream(bench, logins);
    const links = tenant.truth.tally(bench.state.listUsers());
    return {
      users: options.users,
      installPass,
      stream: streamFigures,
      links,
      wallMs: performance.now() - startedAt,
    };
  } finally {
    await bench.close();
  }
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
  return requestCount(seeded.length, requests);
}

// The emulator's log would otherwise hold every request of the run: it is emptied once the login
// has read its part.
async function loginAndForgetLog(bench: BenchTenant, input: LoginInput) {
  const login = await bench.login(input);
  bench.api.requestLog.clear();
  return login;
}

const returningKinds: ReadonlySet<LoginKind> = new Set(["returning", "refresh-token"]);

async function playStream(bench: BenchTenant, logins: readonly BenchLogin[]) {
  const byEndpoint: Record<string, number> = {};
  let requests = 0;
  const tally = () => ({ logins: 0, requests: 0 });
  const byKind = Object.fromEntries(loginKinds.map((kind) => [kind, tally()]));
  const returning = Object.fromEntries(
    storedAddressCases.map((addressCase) => [addressCase, tally()]),
  );
  let failedLogins = 0;
  for (const login of logins) {
    const { result } = await loginAndForgetLog(bench, login.input);
    const loginRequests = result.managementApiCalls.length;
    requests += loginRequests;
    for (const call of result.managementApiCalls) {
      byEndpoint[call.endpointKey] = (byEndpoint[call.endpointKey] ?? 0) + 1;
    }
    const counted = [byKind[login.kind]];
    if (returningKinds.has(login.kind)) counted.push(returning[storedAddressCaseOf(result.user)]);
    for (const count of counted as { logins: number; requests: number }[]) {
      count.logins++;
      count.requests += loginRequests;
    }
    if (result.sessionUserId === undefined) failedLogins++;
  }
  return {
    ...requestCount(logins.length, requests),
    byEndpointPer1000Logins: Object.fromEntries(
      Object.entries(byEndpoint).map(([endpoint, count]) => [
        endpoint,
        perThousand(count, logins.length),
      ]),
    ),
    tokenRequests: byEndpoint.token ?? 0,
    byKind: requestCounts(byKind) as Record<LoginKind, RequestCount>,
    returning: requestCounts(returning) as Record<StoredAddressCase, RequestCount>,
    failedLogins,
  };
}

function requestCounts(tallies: Record<string, { logins: number; requests: number }>) {
  return Object.fromEntries(
    Object.entries(tallies).map(([key, count]) => [
      key,
      requestCount(count.logins, count.requests),
    ]),
  );
}

function requestCount(logins: number, requests: number): RequestCount {
  return { logins, requests, requestsPer1000Logins: perThousand(requests, logins) };
}
