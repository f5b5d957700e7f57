import type { AccountSnapshot } from "../../linking/account";
import type { SkipReason } from "../../linking/errors";
import { checkPromptGate, type PromptSkipReason } from "../../linking/prompt-plan";
import { type Offer, offerSignIn } from "../prompt/offer-sign-in";
import { type Execution, failureReason, type LoginContext, type LoginState } from "./login-step";

/**
 * Whether a sign-in to the other account could resolve this refusal: "prompt_off" when prompted
 * linking is off, another reason when the gate is closed, undefined when it is open.
 */
export function promptGate(
  { event }: LoginContext,
  state: LoginState,
  refusal: SkipReason,
): PromptSkipReason | undefined {
  return checkPromptGate({
    prompt: state.config.prompt,
    refusal,
    current: state.current,
    protocol: event.transaction?.protocol,
    transactionId: event.transaction?.id,
    now: new Date(),
  });
}

/** The refused line, with why no sign-in was offered when the gate said so. */
export function closedGate(refused: Execution, closed: PromptSkipReason): Execution {
  if (closed === "prompt_off") return refused;
  return { ...refused, summary: { ...refused.summary, prompt: closed } };
}

/** A refused plan's offer: the gate decides whether a sign-in to the other account resolves it. */
export async function offerIfResolvable(
  context: LoginContext,
  state: LoginState,
  refusal: SkipReason,
  refused: Execution,
  candidates?: readonly AccountSnapshot[],
): Promise<Execution> {
  const closed = promptGate(context, state, refusal);
  if (closed) return closedGate(refused, closed);
  return offerSignInAfter(context, state, refused, candidates);
}

/** The gate is open: look for the account to offer a sign-in to, and offer it. */
export async function offerSignInAfter(
  context: LoginContext,
  state: LoginState,
  refused: Execution,
  candidates?: readonly AccountSnapshot[],
): Promise<Execution> {
  const offer = await offerSignIn({
    event: context.event,
    api: context.api,
    config: state.config,
    port: state.port,
    current: state.current,
    ...(candidates ? { candidates } : {}),
  });
  return offerExecution(offer, refused, state);
}

function offerExecution(offer: Offer, refused: Execution, state: LoginState): Execution {
  switch (offer.kind) {
    case "prompted":
    case "would_prompt":
      return {
        summary: {
          outcome: offer.kind === "prompted" ? "prompted" : "dry-run",
          reason: offer.kind,
          mode: state.config.mode,
          candidates: 1,
          links: 0,
          primary_user_id: offer.candidateUserId,
        },
        deny: false,
      };
    case "not_offered":
      return {
        ...refused,
        summary: {
          ...refused.summary,
          candidates: offer.eligibleCandidates,
          prompt: offer.reason,
        },
      };
    case "lookup_failed":
      // The login was refused anyway: a failed search for an account to offer, or a failed read
      // of what the logging-in account holds, changes nothing and denies nobody, whatever
      // ON_ERROR says.
      return {
        summary: {
          ...refused.summary,
          outcome: "error",
          reason: failureReason(offer.code, offer.failure, state.budget),
          failure: {
            kind: offer.failure.kind,
            ...(offer.failure.status ? { status: offer.failure.status } : {}),
          },
        },
        deny: false,
      };
  }
}
