import { databaseConnectionIdsFor } from "../database-connection-ids";
import { failed, goOn, type LoginStep } from "./login-step";

// Every database secondary's link names its connection; the logging-in account's is the event's.
export const readConnectionIds: LoginStep = async ({ api }, state) => {
  const { current } = state;
  const connectionIds = await databaseConnectionIdsFor(
    state.plan.links.filter((step) => step.secondaryUserId !== current.userId),
    state.port,
    api.cache,
  );
  if (!connectionIds.ok) {
    return failed(state, "connection_lookup_failed", connectionIds.failure, state.planned);
  }
  state.databaseConnectionIds = connectionIds.ids;
  return goOn;
};
