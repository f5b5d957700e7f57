import { toAccountSnapshot } from "../../linking/account";
import { knownDatabaseKinds } from "../database-kinds";
import { goOn, type LoginStep, skipped } from "./login-step";

// A user the event describes in a shape the rules do not know is left alone.
export const readCurrentAccount: LoginStep = ({ event, api }, state) => {
  const parsed = toAccountSnapshot(event.user);
  if (!parsed.ok) return skipped(state.config, "malformed_user", { detail: parsed.reason });
  state.current = parsed.account;
  state.loginConnection = { name: event.connection?.name, strategy: event.connection?.strategy };
  state.knownKinds = knownDatabaseKinds(api.cache);
  return goOn;
};
