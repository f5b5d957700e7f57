import type { AdminClient, AdminOutcome, MetadataPatch } from "../admin";
import { describeFailure } from "../admin";
import { isPlainRecord, toAccountSnapshot } from "../linking/account";
import {
  type CompleteCopy,
  planUnlink,
  type SecondaryIdentity,
  type UnlinkPlan,
} from "../linking/unlink-plan";

export type UnlinkResult =
  | { ok: true; plan: UnlinkPlan; done: "applied" | "already_undone" | "dry_run" }
  | { ok: false; code: UnlinkErrorCode; message: string; plan?: UnlinkPlan };

export type UnlinkErrorCode =
  | "primary_unreadable"
  | "main_identity"
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

function holdsAsMain(user: unknown, identity: SecondaryIdentity): boolean {
  if (!isPlainRecord(user) || !Array.isArray(user.identities)) return false;
  const [main] = user.identities;
  return (
    isPlainRecord(main) &&
    main.provider === identity.provider &&
    String(main.user_id) === identity.userId
  );
}

/** The user whose own (main) identity this is, by its id: never a primary holding it linked. */
async function ownUserOf(client: AdminClient, plan: UnlinkPlan): Promise<string | undefined> {
  const byId = await client.getUser(plan.secondaryId);
  return byId.kind === "ok" && holdsAsMain(byId.value, plan.identity)
    ? plan.secondaryId
    : undefined;
}

// Auth0 is expected to recreate the user as provider|user_id, which is undocumented: when it is
// not there, the user holding the identity as its own is looked up by the identity's address.
async function findRecreatedUser(
  client: AdminClient,
  plan: UnlinkPlan,
  email: string | undefined,
): Promise<string | undefined> {
  const byId = await ownUserOf(client, plan);
  if (byId !== undefined || email === undefined) return byId;
  const byEmail = await client.usersByEmail(email);
  if (byEmail.kind !== "ok" || !Array.isArray(byEmail.value)) return undefined;
  const holder = byEmail.value.find((user) => holdsAsMain(user, plan.identity)) as
    | { user_id?: unknown }
    | undefined;
  return typeof holder?.user_id === "string" ? holder.user_id : undefined;
}

function failureOf(outcome: AdminOutcome<unknown>): string {
  return outcome.kind === "ok" ? "ok" : describeFailure(outcome);
}

function nulls(keys: readonly string[]): Record<string, null> {
  return Object.fromEntries(keys.map((key) => [key, null]));
}

// An empty metadata object would wipe the primary's metadata in Auth0: only what has keys is sent.
function cleanupPatch(plan: UnlinkPlan): MetadataPatch | undefined {
  const userMetadata = nulls(plan.removeFromPrimary.user_metadata);
  const appMetadata = { ...nulls(plan.removeFromPrimary.app_metadata), ...plan.closeRecord };
  const patch: MetadataPatch = {
    ...(Object.keys(userMetadata).length > 0 ? { user_metadata: userMetadata } : {}),
    ...(Object.keys(appMetadata).length > 0 ? { app_metadata: appMetadata } : {}),
  };
  return patch.user_metadata || patch.app_metadata ? patch : undefined;
}

/**
 * Why the pair cannot be undone, read before anything is written: the primary's own identity, or
 * one it neither holds nor has an open record of.
 */
async function refusal(
  client: AdminClient,
  plan: UnlinkPlan,
): Promise<{ refused: UnlinkResult } | { refused?: undefined; recreatedId?: string }> {
  const { primaryId, secondaryId } = plan;
  if (plan.mainIdentity) {
    return {
      refused: failed(
        "main_identity",
        `${secondaryId} is the main identity of ${primaryId}, not a linked account: name the secondary's identity`,
      ),
    };
  }
  if (plan.identityLinked) return {};
  // An open record without the identity: an undo stopped after its unlink is finished on the user
  // Auth0 recreated. Any other holder (a primary it was linked into since) is not this pair's.
  const ownUser = await ownUserOf(client, plan);
  if (plan.record !== undefined && ownUser !== undefined) return { recreatedId: ownUser };
  return {
    refused: failed(
      "not_linked",
      ownUser !== undefined
        ? `${secondaryId} is a user of its own, not linked to ${primaryId}`
        : `${primaryId} does not hold ${secondaryId}, and no user has it as its own identity: it is linked to another user, or does not exist`,
    ),
  };
}

/**
 * Reverses one link, each step safe to repeat: mark the primary (so no login relinks the pair
 * while the undo runs), unlink, restore the recreated user with its mark, then take off the
 * primary the carried keys it still holds as they came and close the audit record. A pair that
 * is not a link of this primary is refused before the first write.
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
  if (plan.record?.unlinked_at !== undefined && !plan.identityLinked && !plan.mainIdentity) {
    return { ok: true, plan, done: "already_undone" };
  }
  const checked = await refusal(client, plan);
  if (checked.refused) return checked.refused;
  if (!input.apply) return { ok: true, plan, done: "dry_run" };

  const email = emailOfIdentity(read.raw, plan.identity.provider, plan.identity.userId);
  const marked = await client.updateUser(plan.primaryId, { app_metadata: plan.markPrimary });
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

  const recreatedId = checked.recreatedId ?? (await findRecreatedUser(client, plan, email));
  if (recreatedId === undefined) {
    return failed(
      "recreated_user_not_found",
      `no user holds ${plan.secondaryId} as its own identity after the unlink`,
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

  const cleanup = cleanupPatch(plan);
  if (cleanup) {
    const cleaned = await client.updateUser(plan.primaryId, cleanup);
    if (cleaned.kind !== "ok") return failed("cleanup_failed", failureOf(cleaned), plan);
  }
  return { ok: true, plan, done: "applied" };
}
