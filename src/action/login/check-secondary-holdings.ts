import {
  checkSecondaryHoldings as heldBy,
  holdingsLookupFailure,
} from "../../linking/secondary-holdings";
import { readSecondaryHoldings } from "../secondary-holdings";
import { ended, failed, goOn, type LoginStep } from "./login-step";

// A secondary that is a member of an organization or holds a role or permission would lose it in
// the link. Asked only now that a link is planned: a login that links nothing costs no request
// for it. Without an answer nothing is linked and no marker written, so the next login asks again.
export const checkSecondaryHoldings: LoginStep = async (_context, state) => {
  const { plan } = state;
  const holdings = await readSecondaryHoldings(state.port, plan);
  if (!holdings.ok) {
    return failed(state, holdingsLookupFailure(holdings.holding), holdings.failure, {
      candidates: plan.eligibleCandidates,
    });
  }
  const held = heldBy(plan, holdings.holdings);
  if (!held) return goOn;
  return ended(state, {
    summary: {
      outcome: "skipped",
      reason: held.reason,
      candidates: plan.eligibleCandidates,
      links: 0,
      primary_user_id: plan.primary.userId,
      detail: held.detail,
    },
    deny: false,
  });
};
