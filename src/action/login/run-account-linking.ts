import type { PostLoginApi, PostLoginEvent } from "../../actions-platform/post-login";
import { toAccountSnapshot } from "../../linking/account";
import { readConfig } from "../../linking/config";
import { hasCompletedMfa, needsMfaChallenge } from "../../linking/login-rules";
import { unexpectedErrorSummary, writeExecutionLine } from "../log-line";
import { finalStep, loginSteps } from "./index";
import type { CreateManagementPort, Execution, LoginContext, LoginState } from "./login-step";

export type { CreateManagementPort } from "./login-step";

const denyMessage = "We could not finish signing you in. Please try again in a moment.";

/**
 * One execution of the Action: decide, link, log one line. The Management API port is a
 * parameter so the orchestration can be tested against a fake; production passes the real one.
 */
export async function runAccountLinking(
  event: PostLoginEvent,
  api: PostLoginApi,
  createPort: CreateManagementPort,
): Promise<void> {
  const startedAt = Date.now();
  let execution: Execution;
  let mfaChallenged = false;
  try {
    mfaChallenged = requireMfaThroughLinkedIdentity(event, api);
    execution = await runSteps({ event, api, createPort });
  } catch (error) {
    execution = {
      summary: unexpectedErrorSummary(error),
      deny: onErrorBehaviour(event) === "deny",
    };
  }
  if (execution.deny) api.access.deny(denyMessage);
  writeExecutionLine(
    { ...execution.summary, ...(mfaChallenged ? { mfa_challenged: true } : {}) },
    {
      requests: execution.port?.requestCount ?? 0,
      tokenRequests: execution.port?.tokenRequestCount ?? 0,
    },
    startedAt,
    execution.addressHashKey,
  );
}

async function runSteps(context: LoginContext): Promise<Execution> {
  // Each field is set by the step that learns it, before any step that reads it (login-step.ts).
  const state = {} as LoginState;
  for (const step of loginSteps) {
    const outcome = await step(context, state);
    if (outcome) return outcome;
  }
  return finalStep(context, state);
}

/**
 * Runs at every execution, whatever LINKING_MODE says: switching linking off must not reopen a
 * door a link opened. It reads only the event, so it costs no request.
 */
function requireMfaThroughLinkedIdentity(event: PostLoginEvent, api: PostLoginApi): boolean {
  const user = toAccountSnapshot(event.user);
  if (!user.ok) return false;
  const challenge = needsMfaChallenge(user.account, {
    connection: event.connection?.name,
    completedMfa: hasCompletedMfa(event.authentication?.methods),
    protocol: event.transaction?.protocol,
  });
  // A remembered browser is one where this user passed MFA before; an attacker's never is.
  if (challenge) api.multifactor.enable("any", { allowRememberBrowser: true });
  return challenge;
}

function onErrorBehaviour(event: PostLoginEvent) {
  const config = readConfig(event.secrets ?? {});
  return config.ok ? config.config.onError : config.onError;
}
