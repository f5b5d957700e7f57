import type { AccountSnapshot } from "../../linking/account";
import { promptedSecondaries } from "../../linking/prompt-plan";
import { checkHoldingsOf, holdingsLookupFailure } from "../../linking/secondary-holdings";
import type { ManagementPort } from "../management/management-port";
import { readHoldingsOf } from "../secondary-holdings";
import type { Offer } from "./offer-sign-in";

/**
 * The link a sign-in would allow makes the logging-in account the secondary, and the continuation
 * refuses one that is a member of an organization or holds roles or permissions: asking the person
 * to prove they own the other account first would spend a nested sign-in on a link that cannot be
 * made. The same three reads and the same rule as the continuation's, which reads them again: they
 * may change while the person is away. Without an answer nothing is offered.
 */
export async function holdingsForbidPrompt(
  port: ManagementPort,
  current: AccountSnapshot,
): Promise<Offer | undefined> {
  const secondaries = promptedSecondaries(current);
  const read = await readHoldingsOf(port, secondaries);
  if (!read.ok) {
    return {
      kind: "lookup_failed",
      code: holdingsLookupFailure(read.holding),
      failure: read.failure,
    };
  }
  const held = checkHoldingsOf(secondaries, read.holdings);
  return held && { kind: "not_offered", reason: held.reason, eligibleCandidates: 1 };
}
