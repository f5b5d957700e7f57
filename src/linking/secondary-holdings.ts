import type { ErrorCode, SkipReason } from "./errors";
import type { LinkPlan } from "./plan";

type LinkingPlan = Extract<LinkPlan, { kind: "link" }>;

/**
 * What a user id holds that lives under that id, each read from its own list of the Management
 * API: `GET /api/v2/users/{id}/organizations`, `/roles` and `/permissions`. A link deletes the
 * secondary's user id, and everything listed here with it.
 */
export const HOLDINGS = ["organizations", "roles", "permissions"] as const;

export type Holding = (typeof HOLDINGS)[number];

/** Whether a user id holds any entry of each list. */
export type SecondaryHoldings = Readonly<Record<Holding, boolean>>;

/** What each account a plan would make a secondary holds, keyed by user id, as a shell read it. */
export type HoldingsBySecondary = Readonly<Record<string, SecondaryHoldings>>;

/**
 * Whether an answer of one of those lists holds an entry: a list, or the paginated object
 * (`include_totals`) whose entries sit under the list's own name. Any other shape is
 * `undefined`, which a shell treats as a failed read, so the plan fails closed.
 */
export function anyEntryInAnswer(holding: Holding, body: unknown): boolean | undefined {
  if (Array.isArray(body)) return body.length > 0;
  if (typeof body === "object" && body !== null) {
    const { total } = body as { total?: unknown };
    const entries = (body as Record<string, unknown>)[holding];
    if (Array.isArray(entries)) {
      return entries.length > 0 || (typeof total === "number" && total > 0);
    }
  }
  return undefined;
}

/** One list's answer for one user id, as a shell read it: whether it holds any entry. */
export type HoldingAnswer<Failure> = { ok: true; holds: boolean } | { ok: false; failure: Failure };

export type HoldingsCollected<Failure> =
  | { ok: true; holdings: HoldingsBySecondary }
  /** `holding`: the list whose read failed, so the log can say which. */
  | { ok: false; holding: Holding; failure: Failure };

/**
 * Runs a shell's `read` of every list for each of `secondaries`. The reads of one user id are
 * independent and go out together, so it costs one round trip, not three; the first failure (in
 * the order of HOLDINGS) stops the reading, and whatever plan waited on it.
 */
export async function collectHoldings<Failure>(
  secondaries: readonly string[],
  read: (userId: string, holding: Holding) => Promise<HoldingAnswer<Failure>>,
): Promise<HoldingsCollected<Failure>> {
  const holdings: Record<string, SecondaryHoldings> = {};
  for (const userId of secondaries) {
    const answers = await Promise.all(HOLDINGS.map((holding) => read(userId, holding)));
    const held: Partial<Record<Holding, boolean>> = {};
    for (const [index, holding] of HOLDINGS.entries()) {
      const answer = answers[index] as HoldingAnswer<Failure>;
      if (!answer.ok) return { ok: false, holding, failure: answer.failure };
      held[holding] = answer.holds;
    }
    holdings[userId] = held as SecondaryHoldings;
  }
  return { ok: true, holdings };
}

/** The user ids whose holdings a shell must read before this plan may run. */
export function secondariesToCheck(plan: LinkingPlan): string[] {
  return plan.links.map((step) => step.secondaryUserId);
}

export interface HoldingRefusal {
  reason: Extract<
    SkipReason,
    "secondary_in_organization" | "secondary_has_roles" | "secondary_has_permissions"
  >;
  detail: string;
}

// In the order they are told: a member of an organization first, as before roles were read.
const refusals: readonly (HoldingRefusal & { holding: Holding })[] = [
  {
    holding: "organizations",
    reason: "secondary_in_organization",
    detail: "an account the link would make a secondary is a member of an organization",
  },
  {
    holding: "roles",
    reason: "secondary_has_roles",
    detail: "an account the link would make a secondary has roles assigned",
  },
  {
    holding: "permissions",
    reason: "secondary_has_permissions",
    detail: "an account the link would make a secondary has permissions assigned",
  },
];

/**
 * Memberships, roles and permissions belong to a user id, and a secondary's user id is gone once
 * it is linked: a link would silently lose them, and the person's next organization login would
 * be refused, or their tokens would carry none of their authorization. What the primary holds
 * survives. A secondary, or a list of one, nobody said anything about counts as holding it.
 */
export function checkSecondaryHoldings(
  plan: LinkingPlan,
  holdings: HoldingsBySecondary,
): HoldingRefusal | undefined {
  return checkHoldingsOf(secondariesToCheck(plan), holdings);
}

/**
 * The same rule for the user ids a link would make secondaries, before the link is planned: a
 * prompt asks for it before sending the person to prove ownership of the other account.
 */
export function checkHoldingsOf(
  secondaries: readonly string[],
  holdings: HoldingsBySecondary,
): HoldingRefusal | undefined {
  const refusal = refusals.find(({ holding }) =>
    secondaries.some((userId) => holdings[userId]?.[holding] !== false),
  );
  return refusal && { reason: refusal.reason, detail: refusal.detail };
}

/** The error code of a read that failed: the organization read keeps the code it had alone. */
export function holdingsLookupFailure(
  holding: Holding,
): Extract<ErrorCode, "organization_lookup_failed" | "authorization_lookup_failed"> {
  return holding === "organizations" ? "organization_lookup_failed" : "authorization_lookup_failed";
}
