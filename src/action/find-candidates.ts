import { type AccountSnapshot, toAccountSnapshot } from "../linking/account";
import { mergeByAccount } from "../linking/account-key";
import type { RequestFailure } from "./management/failure";
import type { ManagementPort } from "./management/management-port";

export type CandidateLookup =
  | { ok: true; candidates: AccountSnapshot[]; malformed: number }
  | { ok: false; failure: RequestFailure };

/**
 * Asks users-by-email for each form of the address and merges the answers by account (main
 * identity), not by user_id: two database connections can hold the same user id.
 */
export async function findCandidates(
  port: ManagementPort,
  addressForms: readonly string[],
): Promise<CandidateLookup> {
  const accounts: AccountSnapshot[] = [];
  let malformed = 0;
  // The forms are asked at once: a capitalised sign-up waits for one round trip, not two.
  const results = await Promise.all(addressForms.map((form) => port.usersByEmail(form)));
  for (const result of results) {
    if (!result.ok) return result;
    for (const raw of result.value) {
      const parsed = toAccountSnapshot(raw);
      if (!parsed.ok) {
        malformed++;
        continue;
      }
      accounts.push(parsed.account);
    }
  }
  return { ok: true, candidates: mergeByAccount(accounts), malformed };
}
