import { describe, expect, it } from "vitest";
import { startBenchTenant } from "../../bench/bench-tenant";
import { runCostPhaseInProcesses } from "../../bench/cost-workers";
import { type CostFigures, playStream, runCostPhase } from "../../bench/phases/cost";
import { runLatencyPhase } from "../../bench/phases/latency";
import { loadDemoSeed } from "../../src/local-tenant/local-tenant";
import type { LoginInput } from "../../src/local-tenant/simulator/login";
import type { StoredUser } from "../../src/local-tenant/tenant-state";

// Runs the built bundle (`npm run build`), as `npm run bench` does.
const tiny = { seed: 20_240_601, users: 200, logins: 1_000 };
const phaseTimeoutMs = 120_000;

describe("benchmark phases on a tiny tenant", () => {
  it(
    "link-accounts-misses-no-link-and-returning-logins-of-lower-case-accounts-cost-nothing",
    async () => {
      const cost = await runCostPhase("link-accounts", tiny);
      expect(cost.links.expected).toBeGreaterThan(0);
      expect(cost.links.wrong).toBe(0);
      expect(cost.links.unknownIdentities).toBe(0);
      // The tiny stream holds a case-variant link (the baseline misses it, below) and gives the
      // account stored with capitals a later login, which links it.
      expect(cost.links.missed).toBe(0);
      const { "lower-case": lowerCase, capitalised } = cost.stream.returning;
      expect(lowerCase.logins).toBeGreaterThan(0);
      expect(lowerCase.requests).toBe(0);
      // Accounts stored with capitals keep no marker: a lookup or two per login, and once the link
      // of a lower-case sign-up they meet.
      expect(capitalised.logins).toBeGreaterThan(0);
      expect(capitalised.requests).toBeLessThanOrEqual(2 * capitalised.logins);
      expect(cost.stream.failedLogins).toBe(0);
    },
    phaseTimeoutMs,
  );

  it(
    "baseline-pays-on-every-login-and-links-enterprise-accounts",
    async () => {
      const cost = await runCostPhase("baseline", tiny);
      expect(cost.stream.tokenRequests).toBeGreaterThan(cost.stream.logins / 2);
      const { "lower-case": lowerCase } = cost.stream.returning;
      expect(lowerCase.requests).toBeGreaterThan(lowerCase.logins);
      expect(cost.links.wrong).toBeGreaterThan(0);
      expect(cost.links.missedWithCaseVariants).toBeGreaterThan(0);
    },
    phaseTimeoutMs,
  );

  // Each worker is its own Action instance with its own cache: ours fetches one token and reads
  // the database connections once per worker in the install pass.
  it(
    "cost-phase-shared-out-to-two-processes-counts-what-one-process-counts",
    async () => {
      const comparable = (cost: CostFigures) => {
        const { wallMs, workers, installPass, ...rest } = cost;
        return { ...rest, installPassLogins: installPass?.logins };
      };
      for (const action of ["baseline", "link-accounts"] as const) {
        const inOne = await runCostPhase(action, tiny);
        const inTwo = await runCostPhaseInProcesses(action, tiny, 2);
        expect(inTwo.workers).toBe(2);
        expect(comparable(inTwo)).toEqual(comparable(inOne));
        const extraPerWorker = action === "link-accounts" ? 2 : 0;
        expect(inTwo.installPass?.requests ?? 0).toBe(
          (inOne.installPass?.requests ?? 0) + extraPerWorker,
        );
      }
    },
    phaseTimeoutMs,
  );

  it(
    "baseline-keeps-no-state-so-an-install-pass-changes-nothing-in-its-stream",
    async () => {
      const withoutPass = await runCostPhase("baseline", tiny);
      const withPass = await runCostPhase("baseline", { ...tiny, installPass: true });
      expect(withoutPass.installPass).toBeUndefined();
      expect(withPass.installPass?.logins).toBe(tiny.users);
      expect(withPass.stream).toEqual(withoutPass.stream);
      expect(withPass.links).toEqual(withoutPass.links);
    },
    phaseTimeoutMs,
  );

  it(
    "latency-phase-returning-logins-of-lower-case-accounts-make-no-request",
    async () => {
      const latency = await runLatencyPhase("link-accounts", {
        seed: tiny.seed,
        users: tiny.users,
        samplePerKind: 10,
        requestLatencyMs: 0,
        concurrency: 4,
      });
      expect(latency.byKind.returning).toMatchObject({ count: 10, requestsPerLogin: 0 });
      expect(latency.returningPlayedAtOnce).toBe(1);
      // The matched account has checked itself: the lookup, the matched account's authentication
      // methods, the secondary's organization memberships, roles and permissions, the audit
      // record and the link, and a second lookup (the lower-case form) for the fifth of sign-ups
      // whose address comes with capitals.
      const linking = latency.byKind["new-with-match"].requestsPerLogin;
      expect(latency.linkingUnavoidableRequestsPerLogin).toBeGreaterThan(7);
      expect(linking).toBeCloseTo(latency.linkingUnavoidableRequestsPerLogin, 9);
      // The secondary's three reads go out together: two requests more than round trips.
      expect(latency.linkingUnavoidableRoundTripsPerLogin).toBeCloseTo(
        latency.linkingUnavoidableRequestsPerLogin - 2,
        9,
      );
    },
    phaseTimeoutMs,
  );

  it(
    "latency-phase-plays-the-baseline's-returning-logins-at-once-as-they-wait-on-the-network",
    async () => {
      const latency = await runLatencyPhase("baseline", {
        seed: tiny.seed,
        users: tiny.users,
        samplePerKind: 10,
        requestLatencyMs: 0,
        concurrency: 4,
      });
      expect(latency.returningPlayedAtOnce).toBe(4);
      expect(latency.byKind.returning.requestsPerLogin).toBeGreaterThan(1);
    },
    phaseTimeoutMs,
  );

  // users-by-email is case-sensitive: a lower-case sign-up cannot find an account stored with
  // capitals, so that account keeps no marker and links the sign-up at its own next login.
  it(
    "links-a-lower-case-sign-up-at-the-next-login-of-an-account-stored-with-capitals",
    async () => {
      const bench = await startCapitalsAccountBench();
      try {
        await bench.login(lowerCaseSignUp);
        const { result } = await bench.login(capitalsAccountLogin);
        // The lower-case account is the primary: every login of the person can find it.
        expect(result.sessionUserId).toBe("apple|apple-person1");
        expect(result.user?.identities.map((identity) => identity.provider)).toEqual([
          "apple",
          "google-oauth2",
        ]);
      } finally {
        await bench.close();
      }
    },
    phaseTimeoutMs,
  );

  // That login ends on the lower-case account, but its requests are the capitals account's
  // recheck: counted by the account that ended the login, they made lower-case accounts look as
  // if their returning logins cost requests.
  it(
    "counts-a-returning-login-by-the-account-it-logged-in-with-not-the-one-it-ended-on",
    async () => {
      const bench = await startCapitalsAccountBench();
      try {
        // As the install pass does: the account checks itself once, so its later logins recheck
        // only the lower-case form of its address.
        await bench.login(capitalsAccountLogin);
        const counts = await playStream(bench, [
          { kind: "new-with-match", person: 1, input: lowerCaseSignUp },
          { kind: "returning", person: 1, input: capitalsAccountLogin },
          { kind: "returning", person: 1, input: lowerCaseSignUp },
        ]);
        // The lookup of the lower-case form, the sign-up's authentication methods, the
        // secondary's organization memberships, roles and permissions, the audit record and the
        // link.
        expect(counts.returning.capitalised).toEqual({ logins: 1, requests: 7 });
        expect(counts.returning["lower-case"]).toEqual({ logins: 1, requests: 0 });
        expect(counts.failedLogins).toBe(0);
      } finally {
        await bench.close();
      }
    },
    phaseTimeoutMs,
  );
});

const capitalsAccount: StoredUser = {
  user_id: "google-oauth2|100000000000000000001",
  email: "Person1@Bench.example",
  email_verified: true,
  created_at: "2024-01-01T00:00:00.000Z",
  updated_at: "2024-01-01T00:00:00.000Z",
  identities: [
    {
      provider: "google-oauth2",
      user_id: "100000000000000000001",
      connection: "google-oauth2",
      isSocial: true,
    },
  ],
  app_metadata: {},
  user_metadata: {},
};

const capitalsAccountLogin: LoginInput = {
  connection: "google-oauth2",
  providerUserId: "100000000000000000001",
  email: "Person1@Bench.example",
  emailVerified: true,
};

const lowerCaseSignUp: LoginInput = {
  connection: "apple",
  providerUserId: "apple-person1",
  email: "person1@bench.example",
  emailVerified: true,
};

async function startCapitalsAccountBench() {
  const base = await loadDemoSeed({ withUsers: false });
  return startBenchTenant({ action: "link-accounts", seed: { ...base, users: [capitalsAccount] } });
}
