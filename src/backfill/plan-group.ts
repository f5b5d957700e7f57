import type { AccountSnapshot } from "../linking/account";
import { accountKey, mergeByAccount } from "../linking/account-key";
import { SKIP_REASONS, type SkipReason } from "../linking/errors";
import {
  type CurrentAccountRejection,
  checkCurrentAccount,
  type LinkPlan,
  planLinking,
} from "../linking/plan";
import type { DatabaseKinds, TrustPolicy } from "../linking/trust";

/** The Action's linking settings, as `readConfig` reads them, and the tenant's connection facts. */
export interface LinkingRules {
  trust: TrustPolicy;
  /** Which database connections are custom databases; one not named here is not trusted. */
  databaseKinds: DatabaseKinds;
  mergeAppMetadataKeys: readonly string[];
}

export interface ExcludedAccount {
  userId: string;
  reason: SkipReason;
}

export type GroupDecision =
  | { kind: "link"; plan: Extract<LinkPlan, { kind: "link" }>; excluded: ExcludedAccount[] }
  | {
      kind: "refused";
      reason: SkipReason;
      excluded: ExcludedAccount[];
      /**
       * The planner found no partner for the accounts that pass the checks (its own
       * `no_candidates`), whichever rule `reason` names for the accounts it left apart: nothing
       * in the group is left to link.
       */
      noPartnerLeft: boolean;
    };

/** Where a backfill's audit records say a copy too large for the profile is kept. */
export const BACKFILL_JOURNAL_REF = "the backfill run's journal.jsonl";

// A backfill has no login: each account is taken as if it were logging in through its own main
// identity, so the Action's rules for the person logging in apply to every account alike.
function ownLogin(account: AccountSnapshot): { name: string; strategy: string } {
  const [main] = account.identities;
  return { name: main?.connection ?? "", strategy: main?.provider ?? "" };
}

function mostCommonReason(reasons: readonly SkipReason[]): SkipReason {
  const counts = new Map<SkipReason, number>();
  for (const reason of reasons) counts.set(reason, (counts.get(reason) ?? 0) + 1);
  // Ties go to the reason listed first in the stable codes, so a group's reason never depends
  // on the order of the export.
  return [...SKIP_REASONS]
    .filter((reason) => counts.has(reason))
    .sort((a, b) => (counts.get(b) ?? 0) - (counts.get(a) ?? 0))[0] as SkipReason;
}

// By account, not by user id: two database connections can hold the same user id.
function uniqueAccounts(members: readonly AccountSnapshot[]): AccountSnapshot[] {
  return mergeByAccount(members).sort((a, b) => {
    const [aKey, bKey] = [accountKey(a), accountKey(b)];
    if (a.userId !== b.userId) return a.userId < b.userId ? -1 : 1;
    return aKey < bKey ? -1 : aKey > bKey ? 1 : 0;
  });
}

/**
 * Runs one address's accounts through the Action's planner. Any account that passes the
 * Action's own checks stands in for the person logging in: the planner ranks the primary the
 * same way whichever of them logs in, so the result does not depend on the choice. Accounts the
 * plan leaves out are named with the rule that left them out.
 */
export function planGroup(members: readonly AccountSnapshot[], rules: LinkingRules): GroupDecision {
  const accounts = uniqueAccounts(members);
  const rejections = new Map<string, CurrentAccountRejection>();
  for (const account of accounts) {
    const rejection = checkCurrentAccount(
      account,
      ownLogin(account),
      rules.trust,
      rules.databaseKinds,
    );
    if (rejection) rejections.set(account.userId, rejection);
  }
  const excluded = (ids: (userId: string) => boolean, fallback: SkipReason) =>
    accounts
      .filter((account) => ids(account.userId))
      .map((account) => ({
        userId: account.userId,
        reason: rejections.get(account.userId)?.reason ?? fallback,
      }));

  const current = accounts.find((account) => !rejections.has(account.userId));
  if (!current) {
    const reasons = [...rejections.values()].map((rejection) => rejection.reason);
    return {
      kind: "refused",
      reason: mostCommonReason(reasons),
      excluded: excluded(() => true, "no_candidates"),
      noPartnerLeft: false,
    };
  }
  const plan = planLinking({
    current,
    loginConnection: ownLogin(current),
    candidates: accounts,
    trust: rules.trust,
    databaseKinds: rules.databaseKinds,
    mergeAppMetadataKeys: rules.mergeAppMetadataKeys,
    path: "backfill",
    // The journal keeps every secondary's metadata whole, so a copy the profile cannot hold
    // does not stop the link.
    journalRef: BACKFILL_JOURNAL_REF,
  });
  if (plan.kind === "skip") {
    const reason =
      plan.reason === "no_candidates" && rejections.size > 0
        ? mostCommonReason([...rejections.values()].map((rejection) => rejection.reason))
        : plan.reason;
    // Accounts that passed the checks were left without a partner, not refused themselves.
    return {
      kind: "refused",
      reason,
      excluded: excluded(() => true, plan.reason),
      noPartnerLeft: plan.reason === "no_candidates",
    };
  }
  const linked = new Set([plan.primary.userId, ...plan.links.map((step) => step.secondaryUserId)]);
  return { kind: "link", plan, excluded: excluded((id) => !linked.has(id), "no_candidates") };
}
