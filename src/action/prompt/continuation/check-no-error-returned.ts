import { type ContinuationCheck, declined, passed } from "./continuation";

// The nested sign-in comes back with `error` when the person cancelled ("not now" answers
// access_denied) or the sign-in failed. Either way nothing is proven.
export const checkNoErrorReturned: ContinuationCheck = ({ event }) => {
  const error = event.request?.query?.error;
  if (error === undefined) return passed;
  return error === "access_denied"
    ? declined("person_declined")
    : declined("sign_in_error", typeof error === "string" ? error.slice(0, 64) : "non-string");
};
