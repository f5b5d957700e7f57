import { protocolKind } from "../../linking/protocols";
import { goOn, type LoginStep, skipped } from "./login-step";

// Only an interactive login links: a refresh token or a client-credentials exchange has nobody
// present, and a protocol this Action does not know is not assumed to be interactive.
export const checkProtocol: LoginStep = ({ event }, { config }) => {
  const protocol = protocolKind(event.transaction?.protocol);
  if (protocol === "non_interactive") return skipped(config, "non_interactive_protocol");
  if (protocol === "unknown") return skipped(config, "unknown_protocol");
  return goOn;
};
