import { describeFailure } from "../../admin";
import type { AccountSnapshot } from "../../linking/account";
import { checkSecondaryHoldings, holdingsLookupFailure } from "../../linking/secondary-holdings";
import type { ApplyTarget } from "../plan-export";
import { type GroupDecision, type LinkingRules, planGroup } from "../plan-group";
import { ensureMarker, type LinkGroupContext, linkGroup } from "./link-group";
import { readHoldings } from "./read-holdings";
import { rereadGroup } from "./reread-group";

export type GroupOutcome =
  | { outcome: "linked"; links: number; replanned: boolean; markerWritten: boolean }
  | { outcome: "refused"; reason: string; replanned: boolean }
  | { outcome: "failed"; detail: string; links: number; tokenless: boolean }
  | { outcome: "incident"; links: number; unplannedIdentities: string[]; replanned: boolean };

export interface ApplyGroupContext extends Omit<LinkGroupContext, "group" | "email"> {
  rules: LinkingRules;
}

function plannedIds(target: ApplyTarget): Set<string> {
  const { record } = target;
  return new Set([
    ...(record.primary_user_id ? [record.primary_user_id] : []),
    ...record.secondary_user_ids,
    ...record.excluded.map((account) => account.user_id),
  ]);
}

// The group changed since the export when other accounts hold the address now, or when the
// same accounts no longer make the same plan (an address unverified, an account blocked).
function changedSinceExport(
  target: ApplyTarget,
  members: readonly AccountSnapshot[],
  decision: GroupDecision,
): boolean {
  const planned = plannedIds(target);
  const sameAccounts =
    members.length === planned.size && members.every((member) => planned.has(member.userId));
  if (!sameAccounts || decision.kind !== "link") return true;
  const secondaries = decision.plan.links.map((step) => step.secondaryUserId);
  return (
    decision.plan.primary.userId !== target.record.primary_user_id ||
    secondaries.join(" ") !== target.record.secondary_user_ids.join(" ")
  );
}

// An earlier run (or the Action, at a login) already made these links: the planned primary now
// holds every planned secondary's identity.
function linkedEarlier(
  target: ApplyTarget,
  members: readonly AccountSnapshot[],
): AccountSnapshot | undefined {
  const primary = members.find((member) => member.userId === target.record.primary_user_id);
  if (!primary) return undefined;
  const held = new Set(
    primary.identities.map((identity) => `${identity.provider}|${identity.providerUserId}`),
  );
  return target.record.secondary_user_ids.every((id) => held.has(id)) ? primary : undefined;
}

/**
 * One group of the plan, never applied blind: read again from the tenant (people kept logging
 * in since the export), planned again with the Action's rules, then linked if the new plan
 * still links and no planned secondary holds a membership, role or permission. A group a previous run
 * half did is finished from what the tenant shows now.
 */
export async function applyGroup(
  target: ApplyTarget,
  context: ApplyGroupContext,
): Promise<GroupOutcome> {
  const { journal } = context;
  const group = target.record.group;
  await journal.record({
    type: "group",
    group,
    phase: "started",
    ...(target.record.primary_user_id ? { primary_user_id: target.record.primary_user_id } : {}),
    secondary_user_ids: target.record.secondary_user_ids,
  });
  const finish = async (outcome: GroupOutcome): Promise<GroupOutcome> => {
    await journal.record({
      type: "group",
      group,
      phase: "done",
      outcome: outcome.outcome,
      ...(outcome.outcome === "refused" ? { reason: outcome.reason } : {}),
      ...(outcome.outcome === "failed" ? { reason: outcome.detail } : {}),
      ...(outcome.outcome === "incident" ? { reason: "unplanned_identities_linked" } : {}),
      ...(outcome.outcome === "linked" || outcome.outcome === "incident"
        ? { links: outcome.links }
        : {}),
      ...(outcome.outcome !== "failed" && outcome.replanned ? { replanned: true } : {}),
    });
    return outcome;
  };

  await journal.record({ type: "step", group, step: "reread", phase: "started" });
  const reread = await rereadGroup(context.client, target.forms);
  if (!reread.ok) {
    const detail = describeFailure(reread.failure);
    await journal.record({ type: "step", group, step: "reread", phase: "failed", detail });
    return finish({
      outcome: "failed",
      detail: `lookup_failed: ${detail}`,
      links: 0,
      tokenless: reread.failure.kind === "not_sent",
    });
  }
  await journal.record({ type: "step", group, step: "reread", phase: "done" });
  const { members } = reread;
  const linkContext: LinkGroupContext = { ...context, group, email: target.forms[0] ?? "" };
  const decision = planGroup(members, context.rules);
  const replanned = changedSinceExport(target, members, decision);
  if (decision.kind === "refused") {
    // Whatever rule leaves the group's other accounts apart (an unverified or untrusted one,
    // refused before as now), a group whose planned links are all made is finished as an
    // uninterrupted run finishes it: with the marker.
    const primary = linkedEarlier(target, members);
    if (primary && decision.noPartnerLeft) {
      const markerWritten = await ensureMarker(primary, linkContext);
      return finish({ outcome: "linked", links: 0, replanned, markerWritten });
    }
    return finish({ outcome: "refused", reason: decision.reason, replanned });
  }

  // A link deletes the secondary's user id and the memberships, roles and permissions that
  // belong to it. Without an answer the group fails, unlinked, and the next run with this --out
  // reads it again.
  await journal.record({ type: "step", group, step: "holdings", phase: "started" });
  const holdings = await readHoldings(context.client, decision.plan);
  if (!holdings.ok) {
    const { detail, tokenless } = holdings;
    await journal.record({ type: "step", group, step: "holdings", phase: "failed", detail });
    return finish({
      outcome: "failed",
      detail: `${holdingsLookupFailure(holdings.holding)}: ${detail}`,
      links: 0,
      tokenless,
    });
  }
  await journal.record({ type: "step", group, step: "holdings", phase: "done" });
  const held = checkSecondaryHoldings(decision.plan, holdings.holdings);
  if (held) return finish({ outcome: "refused", reason: held.reason, replanned });

  const linked = await linkGroup(decision.plan, linkContext);
  if (linked.ok === "incident") {
    return finish({
      outcome: "incident",
      links: linked.links,
      unplannedIdentities: linked.unplannedIdentities,
      replanned,
    });
  }
  if (!linked.ok) {
    return finish({
      outcome: "failed",
      detail: linked.detail,
      links: linked.links,
      tokenless: linked.tokenless,
    });
  }
  return finish({
    outcome: "linked",
    links: linked.links,
    replanned,
    markerWritten: linked.markerWritten,
  });
}
