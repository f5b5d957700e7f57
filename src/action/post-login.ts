import type { PostLoginApi, PostLoginEvent } from "../actions-platform/post-login";
import { createManagementPort } from "./management/management-port";
import { runPromptContinuation } from "./prompt/run-prompt-continuation";
import { runAccountLinking } from "./run-account-linking";

export function onExecutePostLogin(event: PostLoginEvent, api: PostLoginApi): Promise<void> {
  return runAccountLinking(event, api, createManagementPort);
}

/** Auth0 resumes here, in the same Action, when the person comes back through /continue. */
export function onContinuePostLogin(event: PostLoginEvent, api: PostLoginApi): Promise<void> {
  return runPromptContinuation(event, api, createManagementPort);
}
