import { openNonce } from "../transaction-binding";
import { type ContinuationCheck, declined, passed } from "./continuation";

// The nonce was sealed with a key derived from the prompt client's secret, this transaction and
// this user: one from another login, another person, or made up, does not open.
export const checkNonce: ContinuationCheck = async ({ prompt, fields }, state) => {
  const nonce = state.claims?.nonce;
  if (typeof nonce !== "string") return declined("nonce_mismatch");
  const sealed = await openNonce(prompt.clientSecret, fields, nonce);
  if (!sealed) return declined("nonce_mismatch");
  state.sealed = sealed;
  return passed;
};
