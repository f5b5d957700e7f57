import type { LoginInput } from "../../src/local-tenant/simulator/login";
import { type ActionUnderTest, keepsStateBetweenLogins } from "../actions-under-test";
import { type BenchTenant, startBenchTenant } from "../bench-tenant";
import type { BenchLogin, LoginKind, LoginStream } from "../login-stream";
import { buildScenario } from "../scenario";
import { type Distribution, distributionOf, mapWithConcurrency } from "../statistics";
import { hasCapitals } from "../stored-address";

export const latencyKinds = [
  "returning",
  "new-no-match",
  "new-with-match",
] as const satisfies readonly LoginKind[];
export type LatencyKind = (typeof latencyKinds)[number];

const returningProbeLogins = 10;

export interface LatencyFigures {
  requestLatencyMs: number;
  /** How many returning logins were played at once: 1 when they make no request. */
  returningPlayedAtOnce: number;
  /**
   * Requests per linking sign-up that no Action can avoid: a lookup of each form of the address
   * (users-by-email is case-sensitive, and database accounts are stored in lower case), the
   * secondary's memberships, roles and permissions, the link and its audit record.
   */
  linkingUnavoidableRequestsPerLogin: number;
  /**
   * Of those, the round trips a linking sign-up waits for one after the other: the secondary's
   * three reads are independent and go out together, so they cost one.
   */
  linkingUnavoidableRoundTripsPerLogin: number;
  /** Milliseconds the Action added to each login, by kind. */
  byKind: Record<LatencyKind, Distribution & { requestsPerLogin: number }>;
}

export interface LatencyOptions {
  seed: number;
  users: number;
  samplePerKind: number;
  requestLatencyMs: number;
  concurrency: number;
}

/**
 * Phase 2: the time each Action adds to a login when every request to the tenant takes
 * `requestLatencyMs`. Logins that wait on the network are played `concurrency` at a time: sign-ups,
 * and the baseline's returning logins. Returning logins that make no request (ours) are played one
 * at a time: an execution that never waits would otherwise be timed together with the others'
 * work. Returning logins are of accounts stored in lower case: an account stored with capitals
 * asks for the lower-case form of its address at every login (the cost phase counts those apart).
 */
export async function runLatencyPhase(
  action: ActionUnderTest,
  options: LatencyOptions,
): Promise<LatencyFigures> {
  const { tenant, stream } = await buildScenario({
    seed: options.seed,
    users: options.users,
    matchesLinkableOnly: true,
  });
  const seededByPerson = new Map(tenant.seeded.map((identity) => [identity.person, identity]));
  const bench = await startBenchTenant({ action, seed: tenant.seed });
  try {
    bench.api.faults.inject("*", { kind: "latency", ms: options.requestLatencyMs });
    const samples = (kind: LatencyKind) =>
      Array.from({ length: options.samplePerKind }, () => stream.next(kind));
    // A few more returning logins than the sample, played one at a time first: whether they make
    // requests tells whether the sample waits on the network. Several, as an Action may skip some
    // accounts (unverified ones) without a request.
    const probe = lowerCaseReturningLogins(stream, returningProbeLogins);
    const returning = lowerCaseReturningLogins(stream, options.samplePerKind);
    const newNoMatch = samples("new-no-match");
    const newWithMatch = samples("new-with-match");
    // The first login since install checks the person once; returning logins come after it, and
    // sign-ups that link meet an account that has checked itself, as after the cost phase's
    // install pass. An Action that keeps no state has nothing to set up.
    const matchedAccounts = keepsStateBetweenLogins[action]
      ? newWithMatch.flatMap((login) => seededByPerson.get(login.person) ?? [])
      : [];
    const firstLogins: LoginInput[] = [
      ...[...probe, ...returning].map((login) => login.input),
      ...matchedAccounts.map(({ connection, providerUserId }) => ({ connection, providerUserId })),
    ];
    await mapWithConcurrency(firstLogins, options.concurrency, (input) => bench.login(input));
    const returningWaitsOnNetwork = (await measure(bench, probe, 1)).requestsPerLogin > 0;
    const returningPlayedAtOnce = returningWaitsOnNetwork ? options.concurrency : 1;
    const byKind = {
      returning: await measure(bench, returning, returningPlayedAtOnce),
      "new-no-match": await measure(bench, newNoMatch, options.concurrency),
      "new-with-match": await measure(bench, newWithMatch, options.concurrency),
    };
    return {
      requestLatencyMs: options.requestLatencyMs,
      returningPlayedAtOnce,
      linkingUnavoidableRequestsPerLogin: unavoidablePerLogin(newWithMatch, "requests"),
      linkingUnavoidableRoundTripsPerLogin: unavoidablePerLogin(newWithMatch, "roundTrips"),
      byKind,
    };
  } finally {
    await bench.close();
  }
}

// Drawn before any sign-up of this phase, a returning login is to a seeded account, whose stored
// address is the one its provider sends.
function lowerCaseReturningLogins(stream: LoginStream, count: number): BenchLogin[] {
  const logins: BenchLogin[] = [];
  while (logins.length < count) {
    const login = stream.next("returning");
    if (!hasCapitals(login.input.email)) logins.push(login);
  }
  return logins;
}

// Whether the secondary is a member of an organization, has roles or permissions (a link would
// lose them all): three requests sent together, one round trip.
const secondaryHoldingReads = { requests: 3, roundTrips: 1 };
// The matched account's authentication methods: an empty multifactor cannot show that it has no
// factor (it omits email and WebAuthn), so the ranking and the MFA rules read them. The database
// connections are cached by then, so the read is a round trip of its own.
const factorReads = { requests: 1, roundTrips: 1 };
// The link, and the audit record of it: the session moves to a primary that has checked itself,
// so no later write reaches that primary for free.
const linkAndRecord = 2;

function unavoidablePerLogin(
  linkingSignUps: readonly BenchLogin[],
  unit: keyof typeof secondaryHoldingReads,
): number {
  if (linkingSignUps.length === 0) return 0;
  // The lower-case form is looked up only once the stored form found nobody: one after the other.
  const lookups = (email: string | undefined) => (hasCapitals(email) ? 2 : 1);
  const total = linkingSignUps.reduce(
    (sum, login) =>
      sum +
      lookups(login.input.email) +
      factorReads[unit] +
      secondaryHoldingReads[unit] +
      linkAndRecord,
    0,
  );
  return total / linkingSignUps.length;
}

// Concurrent logins share the request log, so requests are counted per kind, not per login.
async function measure(bench: BenchTenant, logins: readonly BenchLogin[], concurrency: number) {
  bench.api.requestLog.clear();
  const mark = bench.api.requestLog.mark();
  const timed = await mapWithConcurrency(logins, concurrency, (login) => bench.login(login.input));
  const requests = bench.api.requestLog.since(mark).length;
  return {
    ...distributionOf(timed.map((login) => login.actionMs)),
    requestsPerLogin: logins.length === 0 ? 0 : requests / logins.length,
  };
}
