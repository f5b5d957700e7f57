import { documentedRateLimits, formatDuration, secondsAtRate } from "./apply-cost";
import type { PlanCounts } from "./plan-counts";

export interface SummaryContext {
  source: string;
  plannedAt: string;
  maxRequestsPerSecond?: number;
  /** Why no database connection is trusted unless listed (the tenant's connections were not read). */
  databaseKindsUnread?: string;
  /** The database connections the tenant listed without their options (read:connections_options). */
  databaseOptionsWithheld?: readonly string[];
  /** Filled in after an apply. */
  applied?: ApplyCounts;
}

export interface ApplyCounts {
  linkedGroups: number;
  links: number;
  /** Groups whose accounts changed since the export and were planned again. */
  replanned: number;
  /** Groups a rule refused when read again. */
  refusedOnReread: Record<string, number>;
  failedGroups: number;
  /** Groups where a link moved identities nobody planned (journal: unplanned_identities_linked). */
  incidents: number;
  /** Groups a previous run finished, taken from the journal. */
  alreadyDone: number;
  requests: number;
  rateLimited: number;
  seconds: number;
  /** Why the run stopped before the end: no token could be had. */
  stopped?: string;
}

function number(value: number): string {
  return value.toLocaleString("en-US");
}

function reasonRows(counts: Record<string, number>): string[] {
  return Object.entries(counts)
    .sort(([a, x], [b, y]) => y - x || (a < b ? -1 : 1))
    .map(([reason, count]) => `| \`${reason}\` | ${number(count)} |`);
}

/** summary.md: what applying the plan would do, and what it costs at each plan's rate limit. */
export function renderSummary(counts: PlanCounts, context: SummaryContext): string {
  const cost = { reads: counts.reads, writes: counts.writes };
  const total = cost.reads + cost.writes;
  const lines = [
    "# Account-linking backfill",
    "",
    `Source: ${context.source}; planned ${context.plannedAt}. Addresses appear only as the keyed hash the Action logs.`,
    "",
    ...(context.databaseKindsUnread === undefined
      ? []
      : [
          `**No database connection is trusted unless \`TRUSTED_CONNECTIONS\` lists it**: the tenant's database connections could not be read (read:connections: ${context.databaseKindsUnread}), so none is known to be the built-in kind.`,
          "",
        ]),
    ...(context.databaseOptionsWithheld === undefined
      ? []
      : [
          `**These database connections are not trusted unless \`TRUSTED_CONNECTIONS\` lists them**: ${context.databaseOptionsWithheld.map((name) => `\`${name}\``).join(", ")}. The tenant listed them without their options (the application lacks read:connections_options), so whether each is a custom database cannot be read; their accounts are left out of their groups (\`database_options_withheld\`).`,
          "",
        ]),
    "| | count |",
    "| --- | ---: |",
    `| accounts read | ${number(counts.users)} |`,
    `| accounts without an address | ${number(counts.withoutEmail)} |`,
    `| malformed records (left out, as the Action leaves them out) | ${number(counts.malformed)} |`,
    `| addresses held by two or more accounts (groups) | ${number(counts.groups)} |`,
    `| accounts in those groups | ${number(counts.accountsInGroups)} |`,
    `| groups that would be linked | ${number(counts.linkGroups)} |`,
    `| links that would be made (one per secondary) | ${number(counts.links)} |`,
    `| groups whose metadata would be carried first | ${number(counts.metadataCarries)} |`,
    `| metadata keys that would be left behind (unsafe or too large) | ${number(counts.droppedMetadataKeys)} |`,
    `| groups refused by a rule | ${number(Object.values(counts.refusedGroups).reduce((a, b) => a + b, 0))} |`,
    "",
    "`--apply` reads each planned secondary's organization memberships, roles and permissions, which an export does not hold, and refuses a group whose secondary holds any: it may refuse groups counted here as would-link.",
    "",
    "## Groups refused, by reason",
    "",
    "| reason | groups |",
    "| --- | ---: |",
    ...reasonRows(counts.refusedGroups),
    "",
    "## Accounts left out of their group, by reason",
    "",
    "| reason | accounts |",
    "| --- | ---: |",
    ...reasonRows(counts.excludedAccounts),
    "",
    "## Cost of applying",
    "",
    `${number(total)} Management API requests: ${number(cost.reads)} reads (users-by-email, each stored form of an address and its lower case; each planned secondary's organization memberships, roles and permissions) and ${number(cost.writes)} writes (metadata carried, links, markers), plus one token. Time at each plan's documented rate limit, the run using it fully:`,
    "",
    "| plan | time |",
    "| --- | ---: |",
    ...documentedRateLimits.map(
      (limit) => `| ${limit.plan} | ${formatDuration(secondsAtRate(cost, limit))} |`,
    ),
    ...(context.maxRequestsPerSecond
      ? [
          `| at most --max-rps ${context.maxRequestsPerSecond} | ${formatDuration(total / context.maxRequestsPerSecond)} at least |`,
        ]
      : []),
  ];
  if (context.applied) lines.push("", ...appliedSection(context.applied));
  return `${lines.join("\n")}\n`;
}

function appliedSection(applied: ApplyCounts): string[] {
  return [
    "## Applied",
    "",
    "| | count |",
    "| --- | ---: |",
    `| groups linked | ${number(applied.linkedGroups)} |`,
    `| links made | ${number(applied.links)} |`,
    `| groups changed since the export, planned again | ${number(applied.replanned)} |`,
    `| groups refused when read again | ${number(Object.values(applied.refusedOnReread).reduce((a, b) => a + b, 0))} |`,
    `| groups that failed (run --apply again with the same --out) | ${number(applied.failedGroups)} |`,
    `| groups where a link moved identities nobody planned (review each; journal.jsonl names them) | ${number(applied.incidents)} |`,
    `| groups a previous run had finished | ${number(applied.alreadyDone)} |`,
    `| Management API requests / 429s received | ${number(applied.requests)} / ${number(applied.rateLimited)} |`,
    `| time | ${formatDuration(applied.seconds)} |`,
    ...(Object.keys(applied.refusedOnReread).length > 0
      ? [
          "",
          "| refused when read again | groups |",
          "| --- | ---: |",
          ...reasonRows(applied.refusedOnReread),
        ]
      : []),
  ];
}
