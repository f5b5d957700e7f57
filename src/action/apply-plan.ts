import type { ErrorCode } from "../linking/errors";
import { LINK_RECORDS_KEY, type LinkRecords } from "../linking/link-records";
import { hasValidMarker, MARKER_KEY, type Marker } from "../linking/marker";
import type { LinkPlan } from "../linking/plan";
import { linkRecordsValue } from "../linking/recovery";
import type { PostLoginApi } from "./actions-api";
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
  marker: Marker;
  /** When the links are made, for the audit records. */
  linkedAt: string;
}

export type ApplyResult =
  | { ok: true; links: number; markerWritten: boolean }
  | { ok: false; code: ErrorCode; failure: RequestFailure; links: number };

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
  return (
    identities.ok &&
    identities.value.some(
      (candidate) =>
        candidate.provider === identity.provider &&
        candidate.providerUserId === identity.providerUserId,
    )
  );
}

function destroysMetadata(plan: LinkingPlan): boolean {
  return plan.recovery.records.some((record) => record.copy.in !== "none");
}

// The carried keys, the copies and the audit records travel in one PATCH. An empty object would
// wipe the primary's metadata in Auth0: only objects that have keys are sent.
function carryPatch(
  plan: LinkingPlan,
  records: LinkRecords | undefined,
): MetadataPatch | undefined {
  const patch: MetadataPatch = {};
  if (Object.keys(plan.metadataCarry.userMetadata).length > 0) {
    patch.user_metadata = plan.metadataCarry.userMetadata;
  }
  const appMetadata = {
    ...plan.metadataCarry.appMetadata,
    ...(records ? { [LINK_RECORDS_KEY]: records } : {}),
  };
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
  const records = linkRecordsValue(plan.recovery, context.linkedAt);
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
  let failed: { failure: RequestFailure } | undefined;
  for (const step of plan.links) {
    const isCurrent = step.secondaryUserId === context.currentUserId;
    // Once the link of the logging-in account is sent, abandoning it could delete the account the
    // session stands on without moving the session: it may run past the budget, up to the hard limit.
    const callOptions = { mustFinish: isCurrent };
    const identity = {
      provider: step.provider,
      providerUserId: step.providerUserId,
      ...(isCurrent ? { connectionId: context.loginConnectionId } : {}),
    };
    const linked = await port.linkIdentity(primaryId, identity, callOptions);
    if (
      !linked.ok &&
      !(await landedAnyway(port, primaryId, identity, linked.failure, callOptions))
    ) {
      failed = linked;
      break;
    }
    links++;
    if (isCurrent) currentLinked = true;
  }

  // Once the person's own account is a secondary it no longer exists on its own: the session must
  // move to the primary even if a later link failed, or the login ends as a deleted user.
  if (currentLinked) api.authentication.setPrimaryUser(primaryId);
  if (failed) return { ok: false, code: "link_failed", failure: failed.failure, links };

  if (!plan.currentBecomesSecondary) {
    if (!recordsFirst) api.user.setAppMetadata(LINK_RECORDS_KEY, records);
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
      ...(recordsFirst ? {} : { [LINK_RECORDS_KEY]: records }),
    },
  });
  return { ok: true, links, markerWritten: marked.ok };
}
