import { readConfig } from "../../linking/config";
import { configInvalidSummary } from "../log-line";
import { goOn, type LoginStep } from "./login-step";

// A malformed secret ends the login before anything else is read: no rule can be applied without
// the settings, and ON_ERROR (readable even then) decides whether the login goes on.
export const readSettings: LoginStep = ({ event }, state) => {
  const read = readConfig(event.secrets ?? {});
  if (!read.ok) {
    return { summary: configInvalidSummary(read.error), deny: read.onError === "deny" };
  }
  state.config = read.config;
  return goOn;
};
