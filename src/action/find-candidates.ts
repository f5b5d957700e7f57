import { type AccountSnapshot, toAccountSnapshot } from "./account";
import { lookupVariants } from "./email";
import type { RequestFailure } from "./management/failure";
import type { ManagementPort } from "./management/management-port";

export type CandidateLookup =
  | { ok: true; candidates: AccountSnapshot[]; malformed: number }
  | { ok: false; failure: RequestFailure };

/**
 * users-by-email matches case-sensitively and providers send capitalised addresses, so the
 * address is asked as given and in ASCII lower case, and the answers merged by user_id.
 */
export async function findCandidates(
  port: ManagementPort,
  email: string,
): Promise<CandidateLookup> {
  const byUserId = new Map<string, AccountSnapshot>();
  let malformed = 0;
  for (const variant of lookupVariants(email)) {
    const result = await port.usersByEmail(variant);
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
