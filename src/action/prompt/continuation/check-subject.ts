import { type ContinuationCheck, declined, passed } from "./continuation";

// The person must have signed in to the account the Action offered, not to any account they
// happen to own: otherwise they could link their login into an account of their choosing.
export const checkSubject: ContinuationCheck = (_context, state) =>
  state.claims?.sub === state.sealed?.candidateUserId && state.claims?.sub !== undefined
    ? passed
    : declined("subject_mismatch");
