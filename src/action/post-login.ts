import type { PostLoginApi, PostLoginEvent } from "./actions-api";
import { createManagementPort } from "./management/management-port";
import { runAccountLinking } from "./run-account-linking";

export function onExecutePostLogin(event: PostLoginEvent, api: PostLoginApi): Promise<void> {
  return runAccountLinking(event, api, createManagementPort);
}
