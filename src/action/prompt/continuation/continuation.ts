import type { JWTPayload } from "jose";
import type { PostLoginEvent } from "../../../actions-platform/post-login";
import type { LinkingConfig, PromptConfig } from "../../../linking/config";
import type { TimeBudget } from "../../time-budget";
import type { SealedPrompt, TransactionFields } from "../transaction-binding";
import type { DeclineReason } from "./decline-reasons";

export type EnabledPrompt = Extract<PromptConfig, { enabled: true }>;

/** What every check may read: fixed before the first one runs. */
export interface ContinuationContext {
  event: PostLoginEvent;
  config: LinkingConfig;
  prompt: EnabledPrompt;
  fields: TransactionFields;
  /** The domain the person was sent to and came back from. */
  browserDomain: string;
  budget: TimeBudget;
}

/** What the checks learn, in order; a later check relies on what an earlier one set. */
export interface ContinuationState {
  code?: string;
  idToken?: string;
  claims?: JWTPayload;
  sealed?: SealedPrompt;
  /** HTTP requests made to the tenant's authentication API (token, keys). */
  requests: number;
}

export type CheckResult = { ok: true } | { ok: false; reason: DeclineReason; detail?: string };

/** One rule of the continuation, named after what it enforces (its file says which). */
export type ContinuationCheck = (
  context: ContinuationContext,
  state: ContinuationState,
) => CheckResult | Promise<CheckResult>;

export const passed: CheckResult = { ok: true };

export function declined(reason: DeclineReason, detail?: string): CheckResult {
  return detail === undefined ? { ok: false, reason } : { ok: false, reason, detail };
}
