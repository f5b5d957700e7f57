import type { AdminClient, AdminFailure } from "../../admin";
import { describeFailure } from "../../admin";
import type { LinkPlan } from "../../linking/plan";
import {
  anyEntryInAnswer,
  HOLDINGS,
  type Holding,
  type HoldingsBySecondary,
  type SecondaryHoldings,
  secondariesToCheck,
} from "../../linking/secondary-holdings";

export type HoldingsRead =
  | { ok: true; holdings: HoldingsBySecondary }
  /** `tokenless`: no token could be had, so no other group can go on either. */
  | { ok: false; holding: Holding; detail: string; tokenless: boolean };

/**
 * Whether each account the group's plan would make a secondary is a member of any organization,
 * has any role or any permission assigned: one read of each list, sent together, after the
 * client's own retries. An export holds none of them, so they are read from the tenant; the
 * first read without an answer (in the order of HOLDINGS) stops it, and the group with it.
 */
export async function readHoldings(
  client: AdminClient,
  plan: Extract<LinkPlan, { kind: "link" }>,
): Promise<HoldingsRead> {
  const holdings: Record<string, SecondaryHoldings> = {};
  for (const userId of secondariesToCheck(plan)) {
    const answers = await Promise.all(
      HOLDINGS.map(
        async (holding) => [holding, await client.firstEntryOf(userId, holding)] as const,
      ),
    );
    const read: Partial<Record<Holding, boolean>> = {};
    for (const [holding, answer] of answers) {
      if (answer.kind !== "ok") return failedRead(holding, answer);
      const holds = anyEntryInAnswer(holding, answer.value);
      if (holds === undefined) {
        return {
          ok: false,
          holding,
          detail: `an answer that is no list of ${holding}`,
          tokenless: false,
        };
      }
      read[holding] = holds;
    }
    holdings[userId] = read as SecondaryHoldings;
  }
  return { ok: true, holdings };
}

function failedRead(holding: Holding, failure: AdminFailure<unknown>): HoldingsRead {
  return {
    ok: false,
    holding,
    detail: describeFailure(failure),
    tokenless: failure.kind === "not_sent",
  };
}
