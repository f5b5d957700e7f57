import type { LinkPlan } from "../../linking/plan";
import { ended, goOn, type LoginStep } from "./login-step";

// Everything a link needs has been checked: LINKING_MODE=dry-run logs what it would link and
// changes nothing.
export const stopAtDryRun: LoginStep = (_context, state) => {
  const { plan } = state;
  state.planned = {
    candidates: plan.eligibleCandidates,
    primary_user_id: plan.primary.userId,
    current_became_secondary: plan.currentBecomesSecondary,
    ...(plan.metadataCarry.dropped.length > 0
      ? { dropped_metadata_keys: plan.metadataCarry.dropped.map((d) => d.key) }
      : {}),
    ...copiedKeysField(plan),
  };
  if (state.config.mode !== "dry-run") return goOn;
  return ended(state, {
    summary: {
      outcome: "dry-run",
      reason: "would_link",
      links: plan.links.length,
      ...state.planned,
    },
    deny: false,
  });
};

// Names every key the link would have destroyed and that now lives in the recoverable copy, so
// the log says what an undo can bring back.
function copiedKeysField(plan: Extract<LinkPlan, { kind: "link" }>) {
  const keys = plan.recovery.records.flatMap((record) =>
    record.copy.in === "app_metadata"
      ? [
          ...Object.keys(record.copy.user_metadata).map((key) => `user_metadata.${key}`),
          ...Object.keys(record.copy.app_metadata).map((key) => `app_metadata.${key}`),
        ]
      : [],
  );
  return keys.length > 0 ? { copied_metadata_keys: [...new Set(keys)] } : {};
}
