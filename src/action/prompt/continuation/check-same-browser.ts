import { bindBrowser, browserChanges } from "../browser-binding";
import { type ContinuationCheck, declined, passed } from "./continuation";

// The proof must come from the browser that was asked for it: a sign-in made in another browser
// (someone handed the nested /authorize URL, which carries this transaction's state) proves that
// someone else owns the account, not the person whose login this is.
export const checkSameBrowser: ContinuationCheck = ({ event }, state) => {
  if (!state.sealed) return declined("browser_changed", "not_sealed");
  const changes = browserChanges(state.sealed.browser, bindBrowser(event.request));
  return changes.length === 0 ? passed : declined("browser_changed", changes.join("_and_"));
};
