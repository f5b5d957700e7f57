import { buildMarker, MARKER_KEY } from "../../linking/marker";
import { planLinking } from "../../linking/plan";
import { ended, goOn, type LoginStep, namedLoginConnection, noWork } from "./login-step";

// The pure core decides what to link. Nothing to link is a finished check: it is remembered so
// this person's next login costs nothing. A copy over the budget is not: the metadata may
// shrink, and the next login tries again.
export const planLinks: LoginStep = ({ api }, state) => {
  const { config } = state;
  const plan = planLinking({
    current: state.current,
    loginConnection: namedLoginConnection(state),
    candidates: state.candidates,
    trust: config.trust,
    databaseKinds: state.databaseKinds,
    mergeAppMetadataKeys: config.mergeAppMetadataKeys,
  });
  state.marker = buildMarker(state.markerHash, new Date().toISOString());
  if (plan.kind === "link") {
    state.plan = plan;
    return goOn;
  }
  if (plan.reason === "no_candidates" && state.alreadyChecked) {
    return ended(state, {
      summary: { outcome: "skipped", reason: "already_checked", ...noWork },
      deny: false,
    });
  }
  const finished = plan.reason === "no_candidates" || plan.reason === "unlinked_pair";
  if (finished && config.mode === "link") api.user.setAppMetadata(MARKER_KEY, state.marker);
  return ended(state, {
    summary: {
      outcome: "skipped",
      reason: plan.reason,
      candidates: plan.eligibleCandidates,
      links: 0,
      ...(plan.detail ? { detail: plan.detail } : {}),
    },
    deny: false,
  });
};
