import { type AccountSnapshot, toAccountSnapshot } from "../linking/account";
import type { RequestFailure } from "./management/failure";
import type { ManagementPort } from "./management/management-port";

export type CandidateLookup =
  | { ok: true; candidates: AccountSnapshot[]; malformed: number }
  | { ok: false; failure: RequestFailure };

/** Asks users-by-email for each form of the address and merges the answers by user_id. */
export async function findCandidates(
  port: ManagementPort,
  addressForms: readonly string[],
): Promise<CandidateLookup> {
  const byUserId = new Map<string, AccountSnapshot>();
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
      byUserId.set(parsed.account.userId, parsed.account);
    }
  }
  return { ok: true, candidates: [...byUserId.values()], malformed };
}
