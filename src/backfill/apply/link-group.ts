import { type AdminClient, describeFailure, linkIdentityChecked } from "../../admin";
import { type AccountSnapshot, isPlainRecord } from "../../linking/account";
import {
  type DatabaseConnectionIds,
  lacksConnectionIds,
} from "../../linking/database-connection-ids";
import { buildMarker, hasValidMarker, MARKER_KEY, markerEmailHash } from "../../linking/marker";
import { metadataCarryPatch } from "../../linking/metadata-merge";
import type { LinkPlan } from "../../linking/plan";
import { linkRecordsPatchOf } from "../../linking/recovery";
import { type IdentityRef, identityName, unplannedIdentities } from "../../linking/stands-alone";
import type { Journal } from "../journal";

export interface LinkGroupContext {
  client: AdminClient;
  journal: Journal;
  /** The group's keyed hash, as journal.jsonl and plan.jsonl name it. */
  group: string;
  /** Any stored form of the address: the marker's hash folds it. */
  email: string;
  domain: string;
  /** The tenant's database connections' ids by name: each database secondary's link names its own. */
  databaseConnectionIds: DatabaseConnectionIds;
}

export type LinkGroupResult =
  | { ok: true; links: number; markerWritten: boolean }
  /**
   * A link's answer held identities nobody planned: whoever held a planned secondary's identity
   * when the link was sent moved in whole. The group stops there, unmarked, for an administrator.
   */
  | { ok: "incident"; links: number; unplannedIdentities: string[] }
  /** `tokenless`: no token could be had, so no other group can go on either. */
  | { ok: false; links: number; detail: string; tokenless: boolean };

/**
 * Performs one group's plan with the Action's effects, in the Action's order: the secondaries'
 * metadata carried into the primary first (linking discards it), with the audit records and
 * the bounded recoverable copies, then each link (checked when its answer was lost), then the
 * Action's marker on the primary, so those people's next logins cost nothing. Each secondary's
 * metadata is journaled whole before anything changes, and each step before and after it is
 * made. This is the one place a backfill link happens.
 */
export async function linkGroup(
  plan: Extract<LinkPlan, { kind: "link" }>,
  context: LinkGroupContext,
): Promise<LinkGroupResult> {
  const { client, journal, group } = context;
  const primaryId = plan.primary.userId;
  const step = { type: "step", group, primary_user_id: primaryId } as const;
  // Two database connections can hold the same user id: a link that cannot name its secondary's
  // connection is not sent, and nothing of the group changes.
  if (lacksConnectionIds(plan.links, context.databaseConnectionIds)) {
    return {
      ok: false,
      links: 0,
      detail: "connection_lookup_failed: a database secondary's connection id is unknown",
      tokenless: false,
    };
  }

  for (const copy of plan.recovery.completeCopies) {
    await journal.record({
      type: "copy",
      group,
      primary_user_id: primaryId,
      secondary_user_id: copy.secondary,
      user_metadata: copy.user_metadata,
      app_metadata: copy.app_metadata,
    });
  }
  const carry = metadataCarryPatch(plan.metadataCarry);
  const patch = {
    ...carry,
    app_metadata: {
      ...carry?.app_metadata,
      ...linkRecordsPatchOf(plan.recovery, new Date().toISOString()),
    },
  };
  await journal.record({ ...step, step: "carry", phase: "started" });
  const carried = await client.updateUser(primaryId, patch);
  if (carried.kind !== "ok") {
    const detail = describeFailure(carried);
    await journal.record({ ...step, step: "carry", phase: "failed", detail });
    return {
      ok: false,
      links: 0,
      detail: `metadata_carry_failed: ${detail}`,
      tokenless: carried.kind === "not_sent",
    };
  }
  await journal.record({ ...step, step: "carry", phase: "done" });

  let links = 0;
  const planned = [...plan.primary.identities, ...plan.links];
  for (const link of plan.links) {
    const linkStep = { ...step, step: "link", secondary_user_id: link.secondaryUserId } as const;
    await journal.record({ ...linkStep, phase: "started" });
    const connectionId =
      link.provider === "auth0" ? context.databaseConnectionIds[link.connection] : undefined;
    const linked = await linkIdentityChecked(client, primaryId, {
      provider: link.provider,
      user_id: link.providerUserId,
      ...(connectionId ? { connection_id: connectionId } : {}),
    });
    if (linked.result === "failed") {
      const detail = describeFailure(linked.outcome);
      await journal.record({ ...linkStep, phase: "failed", detail });
      return {
        ok: false,
        links,
        detail: `link_failed: ${detail}`,
        tokenless: linked.outcome.kind === "not_sent",
      };
    }
    links++;
    // The group was read again just before, but a link acts on whoever holds the identity when
    // it is sent: its answer says what really moved.
    const unplanned = unplannedIdentities(answeredIdentities(linked.identities), planned);
    if (unplanned.length > 0) {
      const names = unplanned.map(identityName);
      await journal.record({
        ...linkStep,
        phase: "done",
        detail: `unplanned_identities_linked: ${names.join(" ")}`,
      });
      return { ok: "incident", links, unplannedIdentities: names };
    }
    await journal.record({
      ...linkStep,
      phase: "done",
      ...(linked.checked ? { detail: "checked" } : {}),
    });
  }

  return { ok: true, links, markerWritten: await ensureMarker(plan.primary, context) };
}

/**
 * Writes the Action's marker on the primary unless it already has one for this address. One
 * that cannot be written costs nothing but a lookup at the person's next login.
 */
export async function ensureMarker(
  primary: AccountSnapshot,
  { client, journal, group, email, domain }: LinkGroupContext,
): Promise<boolean> {
  const markerHash = markerEmailHash(email, domain);
  if (hasValidMarker(primary.appMetadata, markerHash)) return true;
  const primaryId = primary.userId;
  const step = { type: "step", group, step: "marker", primary_user_id: primaryId } as const;
  await journal.record({ ...step, phase: "started" });
  const marker = buildMarker(markerHash, new Date().toISOString());
  const marked = await client.updateUser(primaryId, { app_metadata: { [MARKER_KEY]: marker } });
  await journal.record(
    marked.kind === "ok"
      ? { ...step, phase: "done" }
      : { ...step, phase: "failed", detail: describeFailure(marked) },
  );
  return marked.kind === "ok";
}

// An answer that is not a list names no identity; an entry of it that is not an object counts as
// unplanned.
function answeredIdentities(answer: unknown): IdentityRef[] {
  if (!Array.isArray(answer)) return [];
  return answer.map((identity) =>
    isPlainRecord(identity)
      ? {
          provider: String(identity.provider),
          providerUserId: String(identity.user_id),
          connection: String(identity.connection),
        }
      : { provider: "unreadable", providerUserId: "", connection: "" },
  );
}
