import type { PostLoginApi } from "../../../actions-platform/post-login";
import { type AccountSnapshot, toAccountSnapshot } from "../../../linking/account";
import { lookupVariants } from "../../../linking/email";
import { buildMarker, markerEmailHash } from "../../../linking/marker";
import { hasMainIdentity, toLinkStep } from "../../../linking/plan";
import { choosePromptCandidate, planPromptedLink } from "../../../linking/prompt-plan";
import { checkSecondaryHoldings, holdingsLookupFailure } from "../../../linking/secondary-holdings";
import { standsAlone } from "../../../linking/stands-alone";
import { applyLinkPlan } from "../../apply-plan";
import { databaseKindsFor, knownDatabaseKinds } from "../../database-kinds";
import type { ManagementPort } from "../../management/management-port";
import { readSecondaryHoldings } from "../../secondary-holdings";
import type { ContinuationContext } from "./continuation";
import type { DeclineReason } from "./decline-reasons";

export type LinkOutcome =
  | { ok: true; primaryUserId: string; links: number }
  /** The link moved identities nobody planned: made, and reported for an administrator. */
  | { ok: "incident"; primaryUserId: string; links: number; unplannedIdentities: string[] }
  | { ok: false; reason: DeclineReason; detail?: string; links: number };

/**
 * The sign-in proved the person owns the candidate. The candidate is read again, because it may
 * have changed since the redirect (blocked, address changed, unverified, linked elsewhere), and
 * must still be the one account the pure core would offer; so is the account that logged in, the
 * link's secondary, which must still stand alone; then the automatic path's link.
 */
export async function linkIntoCandidate(
  context: ContinuationContext,
  loggedIn: AccountSnapshot,
  proof: { candidateUserId: string; showedMfa: boolean },
  port: ManagementPort,
  api: PostLoginApi,
): Promise<LinkOutcome> {
  const { candidateUserId } = proof;
  // Both reads go out together: one round trip.
  const [fetched, secondary] = await Promise.all([
    port.getUser(candidateUserId),
    readSecondaryAgain(port, loggedIn),
  ]);
  if (!fetched.ok) {
    return { ok: false, reason: "candidate_lookup_failed", detail: fetched.failure.kind, links: 0 };
  }
  if (!secondary.ok) return { ...secondary, links: 0 };
  const current = secondary.account;
  const parsed = toAccountSnapshot(fetched.value);
  if (!parsed.ok)
    return { ok: false, reason: "candidate_changed", detail: parsed.reason, links: 0 };
  const candidate = parsed.account;
  const kinds = await databaseKindsFor(
    [candidate],
    {
      name: context.event.connection?.name ?? "",
      strategy: context.event.connection?.strategy ?? "",
    },
    knownDatabaseKinds(api.cache),
    { config: context.config, port, api },
  );
  if (!kinds.ok) {
    return { ok: false, reason: "candidate_lookup_failed", detail: kinds.failure.kind, links: 0 };
  }
  const choice = choosePromptCandidate({
    current,
    candidates: [candidate],
    trust: context.config.trust,
    databaseKinds: kinds.kinds,
  });
  if (
    choice.kind !== "prompt" ||
    choice.candidate.userId !== candidateUserId ||
    !hasMainIdentity(candidate)
  ) {
    return { ok: false, reason: "candidate_changed", links: 0 };
  }
  // A factor enrolled while the person was away: the sign-in must have performed it all the same.
  if (candidate.mfaEnrolled && !proof.showedMfa) {
    return { ok: false, reason: "mfa_not_proven", detail: "enrolled_since_prompt", links: 0 };
  }
  const planned = planPromptedLink(current, candidate, context.config.mergeAppMetadataKeys);
  if (!planned.ok)
    return { ok: false, reason: "candidate_changed", detail: planned.reason, links: 0 };
  // The account that logged in becomes the secondary: its memberships, roles and permissions
  // would go with its user id.
  const holdings = await readSecondaryHoldings(port, planned.plan);
  if (!holdings.ok) {
    const { kind } = holdings.failure;
    return {
      ok: false,
      reason:
        kind === "budget_exhausted" ? "budget_exhausted" : holdingsLookupFailure(holdings.holding),
      detail: kind,
      links: 0,
    };
  }
  const held = checkSecondaryHoldings(planned.plan, holdings.holdings);
  if (held) return { ok: false, reason: held.reason, links: 0 };
  const now = new Date().toISOString();
  // The primary's own address is the one checked: the session lands on it, as after an
  // automatic link, and its next login costs nothing.
  const markerHash = markerEmailHash(candidate.email ?? "", context.config.domain);
  const applied = await applyLinkPlan(planned.plan, {
    port,
    api,
    currentUserId: current.userId,
    loginConnectionId: context.event.connection.id,
    // The only secondary is the account that logged in, whose connection id the event carries.
    databaseConnectionIds: {},
    marker: buildMarker(markerHash, now),
    linkedAt: now,
    currentIdentity: {
      provider: current.identities[0]?.provider ?? "",
      providerUserId: current.identities[0]?.providerUserId ?? "",
    },
    addressForms: lookupVariants(current.email ?? ""),
  });
  if (applied.ok === "incident") {
    return {
      ok: "incident",
      primaryUserId: candidateUserId,
      links: applied.links,
      unplannedIdentities: applied.unplannedIdentities,
    };
  }
  if (!applied.ok) {
    return {
      ok: false,
      reason: applied.failure.kind === "budget_exhausted" ? "budget_exhausted" : "link_failed",
      detail: applied.code,
      links: applied.links,
    };
  }
  return { ok: true, primaryUserId: candidateUserId, links: applied.links };
}

type SecondaryRead =
  | { ok: true; account: AccountSnapshot }
  | { ok: false; reason: "secondary_lookup_failed" | "secondary_changed"; detail?: string };

/**
 * The person was away signing in for minutes: in that time another login, the backfill or an
 * administrator may have linked the account that logged in elsewhere, or linked something into
 * it. A link acts on whoever holds the identity when it is sent and moves that user whole, so
 * the account is read again and must still be its own user holding only its own identity.
 */
async function readSecondaryAgain(
  port: ManagementPort,
  loggedIn: AccountSnapshot,
): Promise<SecondaryRead> {
  if (!hasMainIdentity(loggedIn)) return { ok: false, reason: "secondary_changed" };
  const fetched = await port.getUser(loggedIn.userId);
  if (!fetched.ok) {
    // Gone: linked into another user since the redirect.
    return fetched.failure.status === 404
      ? { ok: false, reason: "secondary_changed", detail: "user_gone" }
      : { ok: false, reason: "secondary_lookup_failed", detail: fetched.failure.kind };
  }
  const parsed = toAccountSnapshot(fetched.value);
  if (!parsed.ok) return { ok: false, reason: "secondary_changed", detail: parsed.reason };
  if (!standsAlone(parsed.account, toLinkStep(loggedIn))) {
    return { ok: false, reason: "secondary_changed", detail: "identities_changed" };
  }
  return { ok: true, account: parsed.account };
}
