import type { AdminClient, AdminFailure } from "../../admin";
import { type AccountSnapshot, toAccountSnapshot } from "../../linking/account";
import { mergeByAccount } from "../../linking/account-key";

export type Reread =
  | { ok: true; members: AccountSnapshot[] }
  | { ok: false; failure: AdminFailure<unknown> };

/**
 * The group as the tenant has it now: users-by-email is case-sensitive and immediately
 * consistent, so each stored form of the address is asked, and the answers merged by account
 * (main identity), not by user id: two database connections can hold the same user id.
 * Malformed accounts are left out, as the Action leaves them out.
 */
export async function rereadGroup(client: AdminClient, forms: readonly string[]): Promise<Reread> {
  const members: AccountSnapshot[] = [];
  for (const form of forms) {
    const answer = await client.usersByEmail(form);
    if (answer.kind !== "ok") return { ok: false, failure: answer };
    for (const raw of Array.isArray(answer.value) ? answer.value : []) {
      const parsed = toAccountSnapshot(raw);
      if (parsed.ok) members.push(parsed.account);
    }
  }
  return { ok: true, members: mergeByAccount(members) };
}
