import { hashEmail } from "../../linking/email-hash";
import { checkCurrentAccount as refusalOf } from "../../linking/plan";
import { goOn, type LoginStep, skipped } from "./login-step";
import { closedGate, offerSignInAfter, promptGate } from "./offer";
import { openPort } from "./open-port";

// The logging-in account itself must be one the trust policy may link (a verified address on a
// trusted connection). An undescribed database connection is asked about once a lookup is due
// anyway. A refusal that proof of ownership resolves may be offered a sign-in to the other account.
export const checkCurrentAccount: LoginStep = async (context, state) => {
  const { config, current } = state;
  const rejection = refusalOf(current, state.loginConnection, config.trust, state.knownKinds);
  if (!rejection || rejection.reason === "database_kind_unknown") return goOn;
  const refused = {
    ...skipped(config, rejection.reason, { user_id: current.userId, detail: rejection.detail }),
    addressHashKey: config.clientSecret,
  };
  const closed = promptGate(context, state, rejection.reason);
  if (closed) return closedGate(refused, closed);
  openPort(context, state);
  const execution = await offerSignInAfter(context, state, refused);
  const identity = {
    user_id: current.userId,
    ...(current.email ? { email_hash: hashEmail(current.email, config.clientSecret) } : {}),
  };
  return {
    ...execution,
    summary: { ...identity, ...execution.summary },
    port: state.port,
    addressHashKey: config.clientSecret,
  };
};
