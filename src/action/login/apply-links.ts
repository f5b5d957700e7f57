import { lookupVariants } from "../../linking/email";
import { applyLinkPlan } from "../apply-plan";
import { ended, type FinalStep, failed } from "./login-step";

// The links are made in the plan's order, then the marker written; this step always ends the
// login.
export const applyLinks: FinalStep = async ({ event, api }, state) => {
  const { current, planned } = state;
  const applied = await applyLinkPlan(state.plan, {
    port: state.port,
    api,
    currentUserId: current.userId,
    loginConnectionId: event.connection.id,
    databaseConnectionIds: state.databaseConnectionIds,
    marker: state.marker,
    linkedAt: new Date().toISOString(),
    currentIdentity: {
      provider: current.identities[0]?.provider ?? "",
      providerUserId: current.identities[0]?.providerUserId ?? "",
    },
    addressForms: lookupVariants(current.email ?? ""),
  });
  if (applied.ok === "incident") {
    // The links are made and the session is where the identity that logged in is: refusing the
    // login would undo nothing. The line is for an administrator (README, "When a link moved more
    // than planned").
    return ended(state, {
      summary: {
        outcome: "error",
        reason: "unplanned_identities_linked",
        ...planned,
        links: applied.links,
        unplanned_identities: applied.unplannedIdentities,
      },
      deny: false,
    });
  }
  if (!applied.ok) {
    const failure = failed(state, applied.code, applied.failure, {
      ...planned,
      links: applied.links,
    });
    // The account the session stood on is gone and nobody found where: ending the login there
    // would end it on a deleted user, so it is refused whatever ON_ERROR says; the next login
    // signs in as whoever holds the identity now.
    return applied.sessionLost ? { ...failure, deny: true } : failure;
  }
  return ended(state, {
    summary: {
      outcome: "linked",
      reason: "linked",
      links: applied.links,
      ...planned,
      ...(applied.markerWritten ? {} : { detail: "marker_failed" }),
    },
    deny: false,
  });
};
