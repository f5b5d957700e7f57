import { hasCompletedMfa, checkLinkAtLogin as refusalOf } from "../../linking/login-rules";
import { ended, goOn, type LoginStep } from "./login-step";
import { offerIfResolvable } from "./offer";

// A planned link is made at login only when this login may make it (MFA where the rules ask for
// it, AUTOMATIC_LINKING on); a refusal that proof of ownership resolves may be offered a sign-in
// to the other account instead.
export const checkLinkAtLogin: LoginStep = async (context, state) => {
  const { plan } = state;
  const refused = refusalOf(plan, {
    completedMfa: hasCompletedMfa(context.event.authentication?.methods),
    automaticLinking: state.config.automaticLinking,
  });
  if (!refused) return goOn;
  const refusedExecution = {
    summary: {
      outcome: "skipped" as const,
      reason: refused.reason,
      candidates: plan.eligibleCandidates,
      links: 0,
      primary_user_id: plan.primary.userId,
      detail: refused.detail,
    },
    deny: false,
  };
  return ended(
    state,
    await offerIfResolvable(context, state, refused.reason, refusedExecution, state.candidates),
  );
};
