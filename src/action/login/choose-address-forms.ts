import { lookupVariants } from "../../linking/email";
import { hashEmail } from "../../linking/email-hash";
import { formsToRecheck, hasValidMarker, markerEmailHash } from "../../linking/marker";
import { goOn, type LoginStep, skipped } from "./login-step";

// users-by-email matches case-sensitively and providers send capitalised addresses, so a first
// check asks for the address as given and in ASCII lower case. A valid marker says that check
// was done: only an address stored with capitals is asked about again, and one without costs
// this login nothing.
export const chooseAddressForms: LoginStep = (_context, state) => {
  const { config, current } = state;
  // checkCurrentAccount guarantees the address exists.
  const email = current.email as string;
  state.identity = { user_id: current.userId, email_hash: hashEmail(email, config.clientSecret) };
  state.markerHash = markerEmailHash(email, config.domain);
  state.alreadyChecked = hasValidMarker(current.appMetadata, state.markerHash);
  state.addressForms = state.alreadyChecked ? formsToRecheck(email) : lookupVariants(email);
  if (state.addressForms.length > 0) return goOn;
  return {
    ...skipped(config, "already_checked", state.identity),
    addressHashKey: config.clientSecret,
  };
};
