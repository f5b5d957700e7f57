import type { BenchResults } from "../results";
import { formatNumber } from "../results";
import { type StoredAddressCase, storedAddressCases } from "../stored-address";

const storedAddressLabels: Record<StoredAddressCase, string> = {
  "lower-case": "in lower case",
  capitalised: "with capitals",
};

interface Row {
  figure: string;
  ours: number;
  /** `undefined`: not measured for the baseline (the figure says why). */
  baseline: number | undefined;
  unit?: string;
}

function ratio(ours: number, baseline: number | undefined): string {
  if (baseline === undefined) return "-";
  if (baseline === 0) return ours === 0 ? "-" : "n/a";
  return `${formatNumber(ours / baseline)}x`;
}

function table(rows: readonly Row[]): string[] {
  return [
    "| Figure | link-accounts | baseline | ratio |",
    "| --- | ---: | ---: | ---: |",
    ...rows.map(
      (row) =>
        `| ${row.figure} | ${formatNumber(row.ours)}${row.unit ?? ""} | ${row.baseline === undefined ? "not played" : `${formatNumber(row.baseline)}${row.unit ?? ""}`} | ${ratio(row.ours, row.baseline)} |`,
    ),
  ];
}

// The endpoints the baseline and our Action call, in the order a linking login calls them; any
// other endpoint either one called follows, so a new request never goes unreported.
const endpointOrder = [
  "token",
  "users-by-email",
  "get-user-organizations",
  "get-user-roles",
  "get-user-permissions",
  "link-identity",
  "patch-user",
];

function endpointsCalled(results: BenchResults): string[] {
  const called = Object.values(results.actions).flatMap((action) =>
    Object.keys(action.cost.stream.byEndpointPer1000Logins),
  );
  return [...new Set([...endpointOrder, ...called])];
}

/** `reports/bench.md`: each figure of our Action beside the baseline's and their ratio. */
export function renderMarkdown(results: BenchResults): string {
  const ours = results.actions["link-accounts"];
  const base = results.actions.baseline;
  const { machine, options } = results;
  const costRows: Row[] = [
    {
      figure: "Requests per 1,000 logins (all)",
      ours: ours.cost.stream.requestsPer1000Logins,
      baseline: base.cost.stream.requestsPer1000Logins,
    },
    ...endpointsCalled(results).map((endpoint) => ({
      figure: `&nbsp;&nbsp;${endpoint} per 1,000 logins`,
      ours: ours.cost.stream.byEndpointPer1000Logins[endpoint] ?? 0,
      baseline: base.cost.stream.byEndpointPer1000Logins[endpoint] ?? 0,
    })),
    {
      figure: "Token requests",
      ours: ours.cost.stream.tokenRequests,
      baseline: base.cost.stream.tokenRequests,
    },
    ...storedAddressCases.map((addressCase) => ({
      figure: `Requests per 1,000 returning logins and refreshes, account logged in with stored ${storedAddressLabels[addressCase]} (${formatNumber(ours.cost.stream.returning[addressCase].logins)})`,
      ours: ours.cost.stream.returning[addressCase].requestsPer1000Logins,
      baseline: base.cost.stream.returning[addressCase].requestsPer1000Logins,
    })),
    ...Object.entries(ours.cost.stream.byKind).map(([kind, count]) => ({
      figure: `&nbsp;&nbsp;per 1,000 ${kind} logins (${formatNumber(count.logins)})`,
      ours: count.requestsPer1000Logins,
      baseline:
        base.cost.stream.byKind[kind as keyof typeof base.cost.stream.byKind].requestsPer1000Logins,
    })),
    {
      figure:
        "Install pass: requests per 1,000 first logins (the baseline keeps no state between logins, so it plays none)",
      ours: ours.cost.installPass?.requestsPer1000Logins ?? 0,
      baseline: base.cost.installPass?.requestsPer1000Logins,
    },
    {
      figure: "Failed logins",
      ours: ours.cost.stream.failedLogins,
      baseline: base.cost.stream.failedLogins,
    },
    {
      figure: `Links made correctly (of ${ours.cost.links.expected} expected)`,
      ours: ours.cost.links.correct,
      baseline: base.cost.links.correct,
    },
    { figure: "Links missed", ours: ours.cost.links.missed, baseline: base.cost.links.missed },
    {
      figure: "&nbsp;&nbsp;of which the addresses differ in letter case (see below)",
      ours: ours.cost.links.missedWithCaseVariants,
      baseline: base.cost.links.missedWithCaseVariants,
    },
    { figure: "Wrong links", ours: ours.cost.links.wrong, baseline: base.cost.links.wrong },
  ];
  const latencyRows: Row[] = Object.entries(ours.latency.byKind).flatMap(([kind, figures]) => {
    const baseline = base.latency.byKind[kind as keyof typeof base.latency.byKind];
    return [
      ...(["p50", "p95", "p99"] as const).map((p) => ({
        figure: `${kind} ${p}`,
        ours: figures[p],
        baseline: baseline[p],
        unit: " ms",
      })),
      {
        figure: `${kind} requests per login`,
        ours: figures.requestsPerLogin,
        baseline: baseline.requestsPerLogin,
      },
    ];
  });
  const r = (x: typeof ours) => x.rateLimit;
  const rateRows: Row[] = [
    {
      figure: "429 responses received",
      ours: r(ours).tooManyRequests,
      baseline: r(base).tooManyRequests,
    },
    {
      figure: `Logins that went on (of ${r(ours).burstLogins})`,
      ours: r(ours).loginsWentOn,
      baseline: r(base).loginsWentOn,
    },
    {
      figure: `Links completed in the burst (of ${r(ours).linksExpected})`,
      ours: r(ours).linksCompletedInBurst,
      baseline: r(base).linksCompletedInBurst,
    },
    {
      figure: "Links that needed a later login",
      ours: r(ours).linksNeedingLaterLogin,
      baseline: r(base).linksNeedingLaterLogin,
    },
    {
      figure: "Links still missing after the later login",
      ours: r(ours).linksStillMissing,
      baseline: r(base).linksStillMissing,
    },
    { figure: "Wrong links", ours: r(ours).wrongLinks, baseline: r(base).wrongLinks },
  ];
  const bundleRows: Row[] = [
    {
      figure: "Action code size",
      ours: ours.bundle.codeBytes / 1024,
      baseline: base.bundle.codeBytes / 1024,
      unit: " kB",
    },
    {
      figure: "Action code size, gzipped",
      ours: ours.bundle.codeGzipBytes / 1024,
      baseline: base.bundle.codeGzipBytes / 1024,
      unit: " kB",
    },
    {
      figure: "auth0 files loaded",
      ours: ours.bundle.auth0ModulesLoaded,
      baseline: base.bundle.auth0ModulesLoaded,
    },
    {
      figure: "auth0 code loaded",
      ours: ours.bundle.auth0BytesLoaded / 1024,
      baseline: base.bundle.auth0BytesLoaded / 1024,
      unit: " kB",
    },
    {
      figure: `Cold load, median of ${options.coldLoadRuns}`,
      ours: ours.bundle.coldLoadMs,
      baseline: base.bundle.coldLoadMs,
      unit: " ms",
    },
  ];
  const rl = ours.rateLimit;

  return [
    "# Benchmark: link-accounts against the rule-template baseline",
    "",
    `Generated ${results.generatedAt} by \`npm run bench\` in ${formatNumber(results.wallSeconds)} s.`,
    `Machine: ${machine.cpuModel}, ${machine.cores} cores, ${machine.memoryGiB} GiB, Node ${machine.node} (${machine.platform}); 1-minute load average at start ${machine.loadAverageAtStart}.`,
    `Seed ${options.seed}; ${formatNumber(options.users)} users, ${formatNumber(options.logins)} logins.`,
    "",
    "## Targets",
    "",
    "| Target | Measured | Result |",
    "| --- | --- | --- |",
    ...results.targets.map(
      (t) => `| ${t.target} | ${t.measured} | ${t.pass ? "pass" : "**fail**"} |`,
    ),
    "",
    "## Cost",
    "",
    `${formatNumber(options.users)} existing users each log in once after our Action is installed (install pass; the baseline reads nothing it wrote, so a pass would change nothing it later meets), then ${formatNumber(options.logins)} logins: returning people, refresh-token exchanges, sign-ups with and without an address the tenant already has, enterprise and unverified sign-ups. No latency, no rate limit. This phase counts and times nothing: requests go to the emulator's handler in process, without sockets, and ${sharedOut(options.workers)}`,
    "",
    ...table(costRows),
    "",
    "Returning logins are split by how the address of the account the person logs in with is stored, as it was before the login (a login of an account stored with capitals that links a lower-case sign-up ends on the sign-up, the primary, and its requests count with capitals). users-by-email is case-sensitive, so a later sign-up with the lower-case address cannot find an account stored with capitals (`Person12@Bench.example`): each login of such an account, even once checked, asks users-by-email for the lower-case form of its address (one request) so that it links that sign-up itself. Accounts stored in lower case remember their check and cost nothing. A link still missed with a case variant is one whose account stored with capitals has not logged in since the sign-up.",
    "",
    "## Latency",
    "",
    `Time the Action adds to a login, ${formatNumber(options.sample)} logins per kind, every request to the tenant delayed ${ours.latency.requestLatencyMs} ms, over HTTPS. Returning logins are of accounts stored in lower case, the ones the 1 ms target is about. As after the cost phase's install pass, each person has logged in once since install before being timed, and so has the account a linking sign-up matches (for our Action only: the baseline keeps no state). Sign-ups are played ${options.concurrency} at a time. Returning logins are played ${ours.latency.returningPlayedAtOnce} at a time for link-accounts and ${base.latency.returningPlayedAtOnce} at a time for the baseline: at once when they wait on the network, one at a time when they make no request, so that none is timed with another's work. Each Action is measured alone, in turn. See latency.svg.`,
    "",
    ...table(latencyRows),
    "",
    "## Rate limit",
    "",
    `${rl.burstLogins} sign-ups at once (half with an address the tenant already has) against a tenant limited to ${rl.managementLimit.burst} requests at once and ${rl.managementLimit.perSecond}/s (Management API) and ${rl.tokenLimit.burst} at once and ${rl.tokenLimit.perSecond}/s (token endpoint); then each person logs in once more after the limit recovered.`,
    "",
    ...table(rateRows),
    "",
    "## Bundle and cold load",
    "",
    "The Action's code loaded as CommonJS (as Auth0 runs it) in a fresh `node`, with the `auth0` modules it requires; no login.",
    "",
    ...table(bundleRows),
    "",
  ].join("\n");
}

function sharedOut(workers: number): string {
  return workers === 1
    ? "every person is played in one process."
    : `the people are shared out to ${workers} processes (no login changes what another person's logins see), each its own Action instance: ours fetches one token per process.`;
}
