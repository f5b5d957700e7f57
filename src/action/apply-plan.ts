import type { PostLoginApi } from "../actions-platform/post-login";
import type { ErrorCode } from "../linking/errors";
import type { Metadata } from "../linking/link-records";
import { hasValidMarker, MARKER_KEY, type Marker } from "../linking/marker";
import type { LinkPlan } from "../linking/plan";
import { linkRecordsPatchOf } from "../linking/recovery";
import { identityName, unplannedIdentities } from "../linking/stands-alone";
import { findCandidates } from "./find-candidates";
import type { RequestFailure } from "./management/failure";
import {
  type CallOptions,
  type IdentityToLink,
  type ManagementPort,
  type MetadataPatch,
  secondaryMayHaveBeenLinked,
} from "./management/management-port";

type LinkingPlan = Extract<LinkPlan, { kind: "link" }>;

export interface ApplyContext {
  port: ManagementPort;
  api: PostLoginApi;
  currentUserId: string;
  /** The login's connection id: Auth0 wants it to tell apart several database connections. */
  loginConnectionId: string;
  /**
   * The tenant's database connections' ids by name: every database secondary's link names its
   * connection, since two database connections can hold the same user id.
   */
  databaseConnectionIds: Readonly<Record<string, string>>;
  marker: Marker;
  /** When the links are made, for the audit records. */
  linkedAt: string;
  /** The identity that logged in, and the address forms that find whoever holds it now. */
  currentIdentity: { provider: string; providerUserId: string };
  addressForms: readonly string[];
}

export type ApplyResult =
  | { ok: true; links: number; markerWritten: boolean }
  /**
   * A link's answer holds identities the plan did not expect: whoever held the planned
   * secondary's identity when the link was sent moved in whole (Auth0 does not refuse such a
   * link), or another login linked into the primary at the same moment. Every planned link is
   * made and the session settled; no marker is written.
   */
  | { ok: "incident"; links: number; unplannedIdentities: string[] }
  | {
      ok: false;
      code: ErrorCode;
      failure: RequestFailure;
      links: number;
      /** A concurrent login linked the account the session stands on somewhere nobody found. */
      sessionLost?: true;
    };

const DATABASE_PROVIDER = "auth0";

function holds(
  identities: readonly { provider: string; providerUserId: string }[],
  wanted: { provider: string; providerUserId: string },
): boolean {
  return identities.some(
    (candidate) =>
      candidate.provider === wanted.provider && candidate.providerUserId === wanted.providerUserId,
  );
}

/**
 * A link whose answer never came (a dropped connection, a timeout, a 5xx), or whose secondary was
 * gone, may still have been made. The primary's identities say whether it was, so the session can
 * follow the account it stood on.
 */
async function landedAnyway(
  port: ManagementPort,
  primaryId: string,
  identity: IdentityToLink,
  failure: RequestFailure,
  callOptions: CallOptions,
): Promise<boolean> {
  if (failure.duringTokenRequest) return false;
  if (failure.kind === "client_error" && !secondaryMayHaveBeenLinked(failure)) return false;
  const identities = await port.getIdentities(primaryId, callOptions);
  return identities.ok && holds(identities.value, identity);
}

type SessionUser = { found: true; userId: string } | { found: false };

/**
 * After a concurrent login linked accounts of this plan, the user the session would end on may
 * no longer exist, or no longer hold the identity that logged in. Only then does this cost a
 * request: whoever holds the identity now is where the session must go.
 */
async function settleSessionUser(
  port: ManagementPort,
  context: ApplyContext,
  intended: string,
): Promise<SessionUser> {
  const identities = await port.getIdentities(intended, { mustFinish: true });
  if (identities.ok && holds(identities.value, context.currentIdentity)) {
    return { found: true, userId: intended };
  }
  // An answer other than "gone" (a timeout, a 5xx) says nothing: the session stays as planned.
  if (!identities.ok && identities.failure.status !== 404) return { found: true, userId: intended };
  const lookup = await findCandidates(port, context.addressForms);
  const owner = lookup.ok
    ? lookup.candidates.find((account) => holds(account.identities, context.currentIdentity))
    : undefined;
  return owner ? { found: true, userId: owner.userId } : { found: false };
}

function destroysMetadata(plan: LinkingPlan): boolean {
  return plan.recovery.records.some((record) => record.copy.in !== "none");
}

// The carried keys, the copies and the audit records travel in one PATCH. An empty object would
// wipe the primary's metadata in Auth0: only objects that have keys are sent.
function carryPatch(plan: LinkingPlan, records: Metadata | undefined): MetadataPatch | undefined {
  const patch: MetadataPatch = {};
  if (Object.keys(plan.metadataCarry.userMetadata).length > 0) {
    patch.user_metadata = plan.metadataCarry.userMetadata;
  }
  const appMetadata = { ...plan.metadataCarry.appMetadata, ...records };
  if (Object.keys(appMetadata).length > 0) patch.app_metadata = appMetadata;
  return patch.user_metadata || patch.app_metadata ? patch : undefined;
}

/**
 * When the audit records are written, at the fewest requests. Before linking whenever the link
 * destroys something (the copy must land first, in the carry's PATCH) or the session will move
 * to a primary that already checked itself (no later write reaches it for free). Otherwise after
 * the links, with the marker: through `api.user` when the session stays, in the marker's PATCH
 * when it moves.
 */
function recordsBeforeLinking(plan: LinkingPlan, marker: Marker): boolean {
  if (destroysMetadata(plan)) return true;
  if (Object.keys(plan.metadataCarry.userMetadata).length > 0) return true;
  if (Object.keys(plan.metadataCarry.appMetadata).length > 0) return true;
  return (
    plan.currentBecomesSecondary && hasValidMarker(plan.primary.appMetadata, marker.email_hash)
  );
}

/**
 * Carries metadata and keeps what the link would destroy, links, switches the session and writes
 * the marker, in the one order that loses nothing: linking discards the secondary's metadata, so
 * the carry and the copy must land first, and the marker must only say "done" once every link is.
 */
export async function applyLinkPlan(
  plan: LinkingPlan,
  context: ApplyContext,
): Promise<ApplyResult> {
  const { port, api } = context;
  const primaryId = plan.primary.userId;
  const records = linkRecordsPatchOf(plan.recovery, context.linkedAt);
  const recordsFirst = recordsBeforeLinking(plan, context.marker);
  const patch = carryPatch(plan, recordsFirst ? records : undefined);
  if (patch) {
    const carried = await port.updateMetadata(primaryId, patch);
    if (!carried.ok) {
      return { ok: false, code: "metadata_carry_failed", failure: carried.failure, links: 0 };
    }
  }

  let links = 0;
  let currentLinked = false;
  // A concurrent login linked part of this plan: the session's user must be confirmed.
  let raced = false;
  let failed: { failure: RequestFailure } | undefined;
  const planned = [...plan.primary.identities, ...plan.links];
  const unplanned = new Set<string>();
  for (const step of plan.links) {
    const isCurrent = step.secondaryUserId === context.currentUserId;
    // Once the link of the logging-in account is sent, abandoning it could delete the account the
    // session stands on without moving the session: it may run past the budget, up to the hard limit.
    const callOptions = { mustFinish: isCurrent };
    const connectionId = isCurrent
      ? context.loginConnectionId
      : step.provider === DATABASE_PROVIDER
        ? context.databaseConnectionIds[step.connection]
        : undefined;
    const identity = {
      provider: step.provider,
      providerUserId: step.providerUserId,
      ...(connectionId ? { connectionId } : {}),
    };
    const linked = await port.linkIdentity(primaryId, identity, callOptions);
    if (linked.ok && linked.value.kind === "linked") {
      // The answer is free and says what the link really moved: the plan was made a moment ago
      // and is not read again on the login path (docs/how-it-works.md says why).
      for (const identity of unplannedIdentities(linked.value.identities, planned)) {
        unplanned.add(identityName(identity));
      }
    }
    if (!linked.ok) {
      // A secondary gone, or the primary itself gone: a concurrent login linked part of this
      // plan, so where the session may end must be confirmed.
      if (secondaryMayHaveBeenLinked(linked.failure) || linked.failure.status === 404) raced = true;
      if (!(await landedAnyway(port, primaryId, identity, linked.failure, callOptions))) {
        failed = linked;
        break;
      }
    }
    links++;
    // The plan goes on after an incident: stopping short of the logging-in account's link could
    // leave the session on an account a concurrent login is linking away.
    if (isCurrent) currentLinked = true;
  }

  // Once the person's own account is a secondary it no longer exists on its own: the session must
  // move to the primary even if a later link failed, or the login ends as a deleted user. After a
  // race, it goes wherever the identity that logged in is now.
  const intended = currentLinked ? primaryId : context.currentUserId;
  const session = raced
    ? await settleSessionUser(port, context, intended)
    : { found: true as const, userId: intended };
  if (session.found && session.userId !== context.currentUserId) {
    api.authentication.setPrimaryUser(session.userId);
  }
  if (!session.found) {
    return {
      ok: false,
      code: "link_failed",
      failure: failed?.failure ?? { kind: "client_error", message: "session user gone" },
      links,
      sessionLost: true,
    };
  }
  if (failed) return { ok: false, code: "link_failed", failure: failed.failure, links };
  if (unplanned.size > 0) return { ok: "incident", links, unplannedIdentities: [...unplanned] };
  if (session.userId !== intended) {
    // The session followed another login's primary: that login finishes the work.
    return {
      ok: false,
      code: "link_failed",
      failure: { kind: "client_error", message: "linked by a concurrent login" },
      links,
    };
  }

  if (!plan.currentBecomesSecondary) {
    if (!recordsFirst) {
      for (const [key, value] of Object.entries(records)) api.user.setAppMetadata(key, value);
    }
    api.user.setAppMetadata(MARKER_KEY, context.marker);
    return { ok: true, links, markerWritten: true };
  }
  // The primary usually checked itself at an earlier login: its marker already covers the address.
  if (hasValidMarker(plan.primary.appMetadata, context.marker.email_hash)) {
    return { ok: true, links, markerWritten: true };
  }
  // setPrimaryUser discards metadata set by this execution, so the primary's marker is written
  // through the Management API instead; if that fails the next login simply checks again.
  const marked = await port.updateMetadata(primaryId, {
    app_metadata: {
      [MARKER_KEY]: context.marker,
      ...(recordsFirst ? {} : records),
    },
  });
  return { ok: true, links, markerWritten: marked.ok };
}
