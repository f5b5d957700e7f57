import type { AdminClient, AdminOutcome } from "../admin";
import { describeFailure } from "../admin";
import { isPlainRecord, toAccountSnapshot } from "../linking/account";
import { LINK_RECORDS_KEY } from "../linking/link-records";
import { type CompleteCopy, planUnlink, type UnlinkPlan } from "../linking/unlink-plan";

export type UnlinkResult =
  | { ok: true; plan: UnlinkPlan; done: "applied" | "already_undone" | "dry_run" }
  | { ok: false; code: UnlinkErrorCode; message: string; plan?: UnlinkPlan };

export type UnlinkErrorCode =
  | "primary_unreadable"
  | "not_linked"
  | "mark_failed"
  | "unlink_failed"
  | "recreated_user_not_found"
  | "restore_failed"
  | "cleanup_failed";

function failed(code: UnlinkErrorCode, message: string, plan?: UnlinkPlan): UnlinkResult {
  return { ok: false, code, message, ...(plan ? { plan } : {}) };
}

async function readUser(client: AdminClient, userId: string) {
  const outcome = await client.getUser(userId);
  if (outcome.kind !== "ok") return { outcome, user: undefined };
  const parsed = toAccountSnapshot(outcome.value);
  return { outcome, user: parsed.ok ? parsed.account : undefined, raw: outcome.value };
}

function emailOfIdentity(raw: unknown, provider: string, userId: string): string | undefined {
  if (!isPlainRecord(raw) || !Array.isArray(raw.identities)) return undefined;
  const identity = raw.identities.find(
    (candidate) =>
      isPlainRecord(candidate) &&
      candidate.provider === provider &&
      String(candidate.user_id) === userId,
  ) as Record<string, unknown> | undefined;
  const email = isPlainRecord(identity?.profileData) ? identity.profileData.email : undefined;
  return typeof email === "string" ? email : undefined;
}

// Auth0 is expected to recreate the user as provider|user_id, which is undocumented: when it is
// not there, the user holding the identity is looked up by the identity's address.
async function findRecreatedUser(
  client: AdminClient,
  plan: UnlinkPlan,
  email: string | undefined,
): Promise<string | undefined> {
  const byId = await client.getUser(plan.secondaryId);
  if (byId.kind === "ok") return plan.secondaryId;
  if (email === undefined) return undefined;
  const byEmail = await client.usersByEmail(email);
  if (byEmail.kind !== "ok" || !Array.isArray(byEmail.value)) return undefined;
  const holder = byEmail.value.find(
    (user) =>
      isPlainRecord(user) &&
      Array.isArray(user.identities) &&
      user.identities.some(
        (identity) =>
          isPlainRecord(identity) &&
          identity.provider === plan.identity.provider &&
          String(identity.user_id) === plan.identity.userId,
      ),
  ) as { user_id?: unknown } | undefined;
  return typeof holder?.user_id === "string" ? holder.user_id : undefined;
}

function failureOf(outcome: AdminOutcome<unknown>): string {
  return outcome.kind === "ok" ? "ok" : describeFailure(outcome);
}

function nulls(keys: readonly string[]): Record<string, null> {
  return Object.fromEntries(keys.map((key) => [key, null]));
}

/**
 * Reverses one link, each step safe to repeat: mark the primary (so no login relinks the pair
 * while the undo runs), unlink, restore the recreated user with its mark, then take off the
 * primary the carried keys it still holds as they came and close the audit record.
 */
export async function unlinkOne(input: {
  client: AdminClient;
  primaryId: string;
  secondaryId: string;
  identity: { provider: string; userId: string };
  apply: boolean;
  journalCopy?: CompleteCopy;
  alsoApartFrom?: readonly string[];
  now: () => Date;
}): Promise<UnlinkResult> {
  const { client } = input;
  const read = await readUser(client, input.primaryId);
  if (!read.user) {
    return failed(
      "primary_unreadable",
      `could not read ${input.primaryId}: ${read.outcome.kind === "ok" ? "malformed user" : failureOf(read.outcome)}`,
    );
  }
  const plan = planUnlink({
    primary: read.user,
    secondaryId: input.secondaryId,
    identity: input.identity,
    ...(input.journalCopy ? { journalCopy: input.journalCopy } : {}),
    ...(input.alsoApartFrom ? { alsoApartFrom: input.alsoApartFrom } : {}),
    at: input.now().toISOString(),
  });
  if (plan.record?.unlinked_at !== undefined && !plan.identityLinked) {
    return { ok: true, plan, done: "already_undone" };
  }
  if (!plan.identityLinked && plan.record === undefined) {
    return failed("not_linked", `${input.secondaryId} is not linked to ${input.primaryId}`, plan);
  }
  if (!input.apply) return { ok: true, plan, done: "dry_run" };

  const email = emailOfIdentity(read.raw, plan.identity.provider, plan.identity.userId);
  const marked = await client.updateUser(plan.primaryId, {
    app_metadata: { [LINK_RECORDS_KEY]: plan.primaryMarked },
  });
  if (marked.kind !== "ok") return failed("mark_failed", failureOf(marked), plan);

  if (plan.identityLinked) {
    const unlinked = await client.unlinkIdentity(
      plan.primaryId,
      plan.identity.provider,
      plan.identity.userId,
    );
    if (unlinked.kind !== "ok") {
      // No answer: whether the identity left is read back rather than guessed.
      const again = await readUser(client, plan.primaryId);
      const gone =
        again.user !== undefined &&
        !again.user.identities.some(
          (identity) =>
            identity.provider === plan.identity.provider &&
            identity.providerUserId === plan.identity.userId,
        );
      if (unlinked.kind !== "lost" || !gone) {
        return failed("unlink_failed", failureOf(unlinked), plan);
      }
    }
  }

  const recreatedId = await findRecreatedUser(client, plan, email);
  if (recreatedId === undefined) {
    return failed(
      "recreated_user_not_found",
      `no user holds ${plan.secondaryId} after the unlink`,
      plan,
    );
  }
  const restored = await client.updateUser(recreatedId, {
    ...(Object.keys(plan.restore.user_metadata).length > 0
      ? { user_metadata: plan.restore.user_metadata }
      : {}),
    app_metadata: plan.restore.app_metadata,
  });
  if (restored.kind !== "ok") return failed("restore_failed", failureOf(restored), plan);

  const cleaned = await client.updateUser(plan.primaryId, {
    ...(plan.removeFromPrimary.user_metadata.length > 0
      ? { user_metadata: nulls(plan.removeFromPrimary.user_metadata) }
      : {}),
    app_metadata: {
      ...nulls(plan.removeFromPrimary.app_metadata),
      [LINK_RECORDS_KEY]: plan.primaryDone,
    },
  });
  if (cleaned.kind !== "ok") return failed("cleanup_failed", failureOf(cleaned), plan);
  return { ok: true, plan, done: "applied" };
}
