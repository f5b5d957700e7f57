import type { UnlinkPlan } from "../linking/unlink-plan";
import type { UnlinkResult } from "./unlink-one";

// Key names only: values may hold anything, addresses included.
function keyList(keys: { user_metadata: readonly string[]; app_metadata: readonly string[] }) {
  const parts = [
    keys.user_metadata.length > 0 ? `user_metadata ${keys.user_metadata.join(", ")}` : "",
    keys.app_metadata.length > 0 ? `app_metadata ${keys.app_metadata.join(", ")}` : "",
  ].filter((part) => part !== "");
  return parts.length > 0 ? parts.join("; ") : "nothing";
}

const restoredFromText: Record<UnlinkPlan["restoredFrom"], string> = {
  profile_copy: "from the copy kept in the primary's app_metadata",
  journal_copy: "from the complete copy in the backfill journal",
  carried_only: "the link destroyed nothing; the carried keys go back",
  no_record: "NO AUDIT RECORD: this link was not made by this project, nothing can be restored",
  copy_elsewhere:
    "THE COPY IS IN A BACKFILL JOURNAL: pass --journal FILE, or only the carried keys go back",
};

export const notRestorable =
  "not restorable by anyone: MFA enrolments, organization memberships, roles, logins_count and created_at of the secondary, and data other systems stored under its user id";

/** What an unlink will do (dry run) or did, one step a line, for a person reading the terminal. */
export function describeUnlink(result: UnlinkResult, apply: boolean): string[] {
  if (!result.ok && !result.plan) return [`error [${result.code}] ${result.message}`];
  const plan = result.plan as UnlinkPlan;
  const restoreKeys = {
    user_metadata: Object.keys(plan.restore.user_metadata),
    app_metadata: Object.keys(plan.restore.app_metadata),
  };
  const lines = [`unlink ${plan.secondaryId} from ${plan.primaryId}`];
  if (plan.record) {
    lines.push(
      `  linked ${plan.record.at} by ${plan.record.path} (rules ${plan.record.rules}), copy in ${plan.record.copy.in}`,
    );
  }
  if (result.ok && result.done === "already_undone") {
    lines.push(`  already undone at ${plan.record?.unlinked_at}: nothing to do`);
    return lines;
  }
  const verb = apply ? "" : "will ";
  lines.push(
    `  1. ${verb}mark ${plan.primaryId}: never link with ${plan.secondaryId} again`,
    plan.identityLinked
      ? `  2. ${verb}unlink the identity (Auth0 recreates ${plan.secondaryId} with no metadata)`
      : "  2. the identity is already unlinked",
    `  3. ${verb}restore on ${plan.secondaryId}: ${keyList(restoreKeys)} (${restoredFromText[plan.restoredFrom]}); mark it: never link with ${plan.primaryId}`,
    `  4. ${verb}remove from ${plan.primaryId}: ${keyList(plan.removeFromPrimary)} (still the carried value)`,
  );
  const kept = keyList(plan.keptOnPrimary);
  if (kept !== "nothing") {
    lines.push(`     kept on ${plan.primaryId}, changed since the link: ${kept}`);
  }
  lines.push(`  ${notRestorable}`);
  if (!result.ok) lines.push(`error [${result.code}] ${result.message}`);
  else lines.push(apply ? "  done" : "  dry run: nothing changed; add --apply to do it");
  return lines;
}
