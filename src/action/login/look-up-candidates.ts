import { findCandidates } from "../find-candidates";
import { failed, goOn, type LoginStep } from "./login-step";

// The accounts that share the address are the candidates; without an answer nothing is linked
// and no marker written, so the next login asks again.
export const lookUpCandidates: LoginStep = async (_context, state) => {
  const lookup = await findCandidates(state.port, state.addressForms);
  if (!lookup.ok) return failed(state, "lookup_failed", lookup.failure);
  state.candidates = lookup.candidates;
  return goOn;
};
