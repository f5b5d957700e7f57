import type { AdminClient } from "../../admin";
import { describeFailure } from "../../admin";
import type { LinkPlan } from "../../linking/plan";
import {
  anyEntryInAnswer,
  collectHoldings,
  type Holding,
  type HoldingAnswer,
  type HoldingsBySecondary,
  secondariesToCheck,
} from "../../linking/secondary-holdings";

export type HoldingsRead =
  | { ok: true; holdings: HoldingsBySecondary }
  /** `tokenless`: no token could be had, so no other group can go on either. */
  | { ok: false; holding: Holding; detail: string; tokenless: boolean };

/** Why one list could not be read; `tokenless` as in HoldingsRead. */
interface ReadFailure {
  detail: string;
  tokenless: boolean;
}

async function readHolding(
  client: AdminClient,
  userId: string,
  holding: Holding,
): Promise<HoldingAnswer<ReadFailure>> {
  const answer = await client.firstEntryOf(userId, holding);
  if (answer.kind !== "ok") {
    return {
      ok: false,
      failure: { detail: describeFailure(answer), tokenless: answer.kind === "not_sent" },
    };
  }
  const holds = anyEntryInAnswer(holding, answer.value);
  if (holds === undefined) {
    return {
      ok: false,
      failure: { detail: `an answer that is no list of ${holding}`, tokenless: false },
    };
  }
  return { ok: true, holds };
}

/**
 * Whether each account the group's plan would make a secondary is a member of any organization,
 * has any role or any permission assigned: one read of each list, sent together
 * (`collectHoldings`), after the client's own retries. An export holds none of them, so they are
 * read from the tenant; the first read without an answer stops it, and the group with it.
 */
export async function readHoldings(
  client: AdminClient,
  plan: Extract<LinkPlan, { kind: "link" }>,
): Promise<HoldingsRead> {
  const read = await collectHoldings(secondariesToCheck(plan), (userId, holding) =>
    readHolding(client, userId, holding),
  );
  return read.ok ? read : { ok: false, holding: read.holding, ...read.failure };
}
