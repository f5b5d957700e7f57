import { type ContinuationCheck, declined, passed } from "./continuation";

// The code is the only thing taken from the /continue query, and only to be exchanged: whatever
// it is, the token it buys must still pass every later check.
export const checkCodePresent: ContinuationCheck = ({ event }, state) => {
  const code = event.request?.query?.code;
  if (typeof code !== "string" || code === "" || code.length > 2048) return declined("no_code");
  state.code = code;
  return passed;
};
