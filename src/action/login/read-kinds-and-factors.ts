import { factorsToRead, withFactors } from "../../linking/mfa-factors";
import { databaseKindsFor } from "../database-kinds";
import { readFactorsOf } from "../read-factors";
import { failed, goOn, type LoginStep, namedLoginConnection } from "./login-step";

// The ranking and the MFA rules depend on every account's factors, and `multifactor` omits
// email and WebAuthn: the authentication methods of the accounts it leaves unsettled are read
// beside the database connections, so they cost a round trip only when those are cached.
export const readKindsAndFactors: LoginStep = async ({ api }, state) => {
  const { config, port, current } = state;
  const loginConnection = namedLoginConnection(state);
  const others = state.candidates.filter((candidate) => candidate.userId !== current.userId);
  const [kinds, factors] = await Promise.all([
    databaseKindsFor([current, ...state.candidates], loginConnection, state.knownKinds, {
      config,
      port,
      api,
    }),
    readFactorsOf(port, factorsToRead([current, ...others])),
  ]);
  // Without an answer no database connection can be trusted; no marker either, so the next
  // login asks again.
  if (!kinds.ok) return failed(state, "connection_lookup_failed", kinds.failure);
  // Without an answer an account with a factor could pass for one without: nothing is planned.
  if (!factors.ok) return failed(state, "factor_lookup_failed", factors.failure);
  state.databaseKinds = kinds.kinds;
  state.current = withFactors(current, factors.enrolled);
  state.candidates = state.candidates.map((candidate) => withFactors(candidate, factors.enrolled));
  return goOn;
};
