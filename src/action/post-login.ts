import type { PostLoginApi, PostLoginEvent } from "../actions-platform/post-login";
import { runAccountLinking } from "./login/run-account-linking";
import { createManagementPort } from "./management/management-port";
import { runPromptContinuation } from "./prompt/run-prompt-continuation";

export function onExecutePostLogin(event: PostLoginEvent, api: PostLoginApi): Promise<void> {
  return runAccountLinking(event, api, createManagementPort);
}

/** Auth0 resumes here, in the same Action, when the person comes back through /continue. */
export function onContinuePostLogin(event: PostLoginEvent, api: PostLoginApi): Promise<void> {
  return runPromptContinuation(event, api, createManagementPort);
}
