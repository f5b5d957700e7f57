import type { PostLoginApi, PostLoginEvent } from "../../actions-platform/post-login";
import { toAccountSnapshot } from "../../linking/account";
import { isPromptTransaction } from "../../linking/prompt-plan";
import { goOn, type LoginStep, skipped } from "./login-step";

// The nested sign-in of prompted linking runs this Action for the other account: linking there
// could move that sign-in's session and make its ID token name someone else.
export const skipPromptTransaction: LoginStep = ({ event, api }, { config }) => {
  if (!isPromptTransaction(event.client?.client_id, config.prompt)) return goOn;
  return skipped(config, "prompt_transaction", requireMfaOfOfferedAccount(event, api));
};

/**
 * The nested sign-in proves ownership of the account it signs in to; when that account has a
 * factor enrolled, the proof includes it whatever the tenant's MFA policy or its other Actions
 * say. Never from a remembered browser: the continuation links only on an ID token showing MFA
 * performed in this very sign-in.
 */
function requireMfaOfOfferedAccount(
  event: PostLoginEvent,
  api: PostLoginApi,
): { mfa_challenged?: true } {
  const user = toAccountSnapshot(event.user);
  if (!user.ok || !user.account.mfaEnrolled) return {};
  api.multifactor.enable("any", { allowRememberBrowser: false });
  return { mfa_challenged: true };
}
