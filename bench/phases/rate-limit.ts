import {
  defaultAuthenticationRateLimit,
  defaultManagementRateLimit,
} from "../../src/local-tenant/management-api";
import type { ActionUnderTest } from "../actions-under-test";
import { startBenchTenant } from "../bench-tenant";
import type { BenchLogin } from "../login-stream";
import { buildScenario } from "../scenario";

export interface RateLimitFigures {
  managementLimit: { burst: number; perSecond: number };
  tokenLimit: { burst: number; perSecond: number };
  burstLogins: number;
  /** Sign-ups in the burst whose address the tenant already had: each should link once. */
  linksExpected: number;
  tooManyRequests: number;
  /** Logins that ended with a session, neither failed nor denied. */
  loginsWentOn: number;
  linksCompletedInBurst: number;
  /** Links completed only by the same person's next login, once the limit had recovered. */
  linksNeedingLaterLogin: number;
  linksStillMissing: number;
  wrongLinks: number;
  wallMs: number;
}

export interface RateLimitOptions {
  seed: number;
  users: number;
  burst: number;
}

/**
 * Phase 3: a burst of sign-ups, all at once, against a tenant limited like a free one (the
 * emulator's default buckets). Then each of those people logs in once more after the limit has
 * recovered, to see which links were only postponed.
 */
export async function runRateLimitPhase(
  action: ActionUnderTest,
  options: RateLimitOptions,
): Promise<RateLimitFigures> {
  const startedAt = performance.now();
  const { tenant, stream } = await buildScenario({
    seed: options.seed,
    users: options.users,
    matchesLinkableOnly: true,
  });
  const bench = await startBenchTenant({
    action,
    seed: tenant.seed,
    rateLimit: defaultManagementRateLimit,
    tokenRateLimit: defaultAuthenticationRateLimit,
  });
  try {
    // A warm instance, as most logins meet: the module is loaded and ours holds a token.
    await bench.login(stream.next("new-no-match").input);
    bench.api.rateLimiter.reset();
    bench.api.requestLog.clear();

    const burst: BenchLogin[] = Array.from({ length: options.burst }, (_, index) =>
      stream.next(index % 2 === 0 ? "new-with-match" : "new-no-match"),
    );
    const results = await Promise.all(burst.map((login) => bench.login(login.input)));
    const tooManyRequests = bench.api.requestLog
      .entries()
      .filter((entry) => entry.status === 429).length;
    const afterBurst = tenant.truth.tally(bench.state.listUsers());

    bench.api.rateLimiter.configure(false, "management");
    bench.api.rateLimiter.configure(false, "authentication");
    for (const login of burst) {
      await bench.login({ ...login.input, protocol: "oidc-basic-profile" });
    }
    const afterLaterLogin = tenant.truth.tally(bench.state.listUsers());

    return {
      managementLimit: {
        burst: defaultManagementRateLimit.limit,
        perSecond: defaultManagementRateLimit.refillPerSecond,
      },
      tokenLimit: {
        burst: defaultAuthenticationRateLimit.limit,
        perSecond: defaultAuthenticationRateLimit.refillPerSecond,
      },
      burstLogins: burst.length,
      linksExpected: burst.filter((login) => login.kind === "new-with-match").length,
      tooManyRequests,
      loginsWentOn: results.filter(({ result }) => result.sessionUserId !== undefined).length,
      linksCompletedInBurst: afterBurst.correct,
      linksNeedingLaterLogin: afterLaterLogin.correct - afterBurst.correct,
      linksStillMissing: afterLaterLogin.missed,
      wrongLinks: afterLaterLogin.wrong,
      wallMs: performance.now() - startedAt,
    };
  } finally {
    await bench.close();
  }
}
