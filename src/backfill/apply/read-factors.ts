import type { AdminClient } from "../../admin";
import { describeFailure } from "../../admin";
import {
  anyFactorInAnswer,
  collectFactors,
  type FactorAnswer,
  type FactorsCollected,
} from "../../linking/mfa-factors";

/** Why one user's methods could not be read; `tokenless`: no other group can go on either. */
interface ReadFailure {
  detail: string;
  tokenless: boolean;
}

export type FactorsRead = FactorsCollected<ReadFailure>;

async function readFactor(client: AdminClient, userId: string): Promise<FactorAnswer<ReadFailure>> {
  const answer = await client.authenticationMethodsOf(userId);
  if (answer.kind !== "ok") {
    return {
      ok: false,
      failure: { detail: describeFailure(answer), tokenless: answer.kind === "not_sent" },
    };
  }
  const enrolled = anyFactorInAnswer(answer.value);
  if (enrolled === undefined) {
    return {
      ok: false,
      failure: { detail: "an answer that is no readable list of methods", tokenless: false },
    };
  }
  return { ok: true, enrolled };
}

/**
 * Whether each user id has a second factor among its authentication methods, which an export
 * does not hold (its `multifactor` omits email and WebAuthn): one read each, sent together
 * (`collectFactors`), after the client's own retries.
 */
export function readFactors(client: AdminClient, userIds: readonly string[]): Promise<FactorsRead> {
  return collectFactors(userIds, (userId) => readFactor(client, userId));
}
