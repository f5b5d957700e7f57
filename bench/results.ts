import type { ActionUnderTest } from "./actions-under-test";
import type { Machine } from "./machine";
import type { BenchOptions } from "./options";
import type { BundleFigures } from "./phases/bundle";
import type { CostFigures } from "./phases/cost";
import type { LatencyFigures } from "./phases/latency";
import type { RateLimitFigures } from "./phases/rate-limit";

export interface ActionResults {
  cost: CostFigures;
  latency: LatencyFigures;
  rateLimit: RateLimitFigures;
  bundle: BundleFigures;
}

export interface TargetCheck {
  target: string;
  measured: string;
  pass: boolean;
}

export interface BenchResults {
  generatedAt: string;
  machine: Machine;
  options: Omit<BenchOptions, "outDir">;
  wallSeconds: number;
  actions: Record<ActionUnderTest, ActionResults>;
  targets: TargetCheck[];
}

const maxShareOfBaselineRequests = 0.02;
const maxReturningP95Ms = 1;

/** The targets, checked on our Action's figures against the baseline's. */
export function checkTargets(actions: Record<ActionUnderTest, ActionResults>): TargetCheck[] {
  const ours = actions["link-accounts"];
  const baseline = actions.baseline;
  const share = ours.cost.stream.requestsPer1000Logins / baseline.cost.stream.requestsPer1000Logins;
  const lowerCase = ours.cost.stream.returning["lower-case"];
  const capitalised = ours.cost.stream.returning.capitalised;
  const latencyReturning = ours.latency.byKind.returning;
  const lowerCaseRequests =
    lowerCase.requests + latencyReturning.requestsPerLogin * latencyReturning.count;
  return [
    {
      target: "Returning logins make 0 Management API requests (accounts stored in lower case)",
      measured: `${formatNumber(lowerCaseRequests)} requests in ${formatNumber(lowerCase.logins)} returning logins and refresh-token exchanges (cost) and ${formatNumber(latencyReturning.count)} returning logins (latency). Accounts stored with capitals, which ask for their lower-case form at each login because a lower-case sign-up cannot find them: ${formatNumber(capitalised.requests)} requests in ${formatNumber(capitalised.logins)} (${formatNumber(capitalised.requestsPer1000Logins)} per 1,000)`,
      pass: lowerCaseRequests === 0,
    },
    {
      target: "Requests per 1,000 logins under 2% of the baseline's",
      measured: `${formatNumber(ours.cost.stream.requestsPer1000Logins)} vs ${formatNumber(baseline.cost.stream.requestsPer1000Logins)}: ${(share * 100).toFixed(2)}%`,
      pass: share < maxShareOfBaselineRequests,
    },
    {
      target: "p95 added latency of a returning login under 1 ms (account stored in lower case)",
      measured: `${ours.latency.byKind.returning.p95.toFixed(3)} ms`,
      pass: ours.latency.byKind.returning.p95 < maxReturningP95Ms,
    },
    linkingRoundTripsTarget(ours),
    {
      target: "Links missed 0 and wrong 0 against ground truth",
      measured: `missed ${ours.cost.links.missed} (of which the addresses differ in letter case: ${ours.cost.links.missedWithCaseVariants}), wrong ${ours.cost.links.wrong}, of ${ours.cost.links.expected} expected`,
      pass: ours.cost.links.missed === 0 && ours.cost.links.wrong === 0,
    },
  ];
}

function linkingRoundTripsTarget(ours: ActionResults): TargetCheck {
  const {
    requestLatencyMs,
    linkingUnavoidableRequestsPerLogin: unavoidable,
    linkingUnavoidableRoundTripsPerLogin: roundTrips,
  } = ours.latency;
  const linking = ours.latency.byKind["new-with-match"];
  const total = (perLogin: number) => Math.round(perLogin * linking.count);
  // The secondary's three reads go out together: the login waits for fewer round trips than it
  // makes requests.
  const roundTripsMs = roundTrips * requestLatencyMs;
  return {
    target:
      "A login that links makes the round trips it cannot avoid and no more (a lookup of each form of the address, the matched account's authentication methods, the secondary's organization memberships, roles and permissions read together, the audit record, the link)",
    measured: `${formatNumber(linking.requestsPerLogin)} requests per login, ${formatNumber(unavoidable)} unavoidable in ${formatNumber(roundTrips)} round trips; p50 ${formatNumber(linking.p50)} ms and p95 ${formatNumber(linking.p95)} ms, of which ${formatNumber(roundTripsMs)} ms are the round trips at ${requestLatencyMs} ms each`,
    pass: linking.count > 0 && total(linking.requestsPerLogin) <= total(unavoidable),
  };
}

export function formatNumber(value: number): string {
  if (Number.isInteger(value)) return value.toLocaleString("en-US");
  return value.toLocaleString("en-US", { maximumFractionDigits: value < 10 ? 3 : 1 });
}
