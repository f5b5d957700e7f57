import { vi } from "vitest";
import { forgetSigningKeys } from "../../../src/action/prompt/continuation/signing-keys";
import { runPromptContinuation } from "../../../src/action/prompt/run-prompt-continuation";
import type { PostLoginEvent } from "../../../src/actions-platform/post-login";
import type { FakeManagementPort } from "../support/fake-management-port";
import { captureLogLines, recordingApi } from "../support/post-login-fixtures";
import { type LoginRun, runLogin } from "../support/run-login";
import type { FakeAuthorizationServer } from "./fake-authorization-server";

/** onExecutePostLogin with the authorization server reachable; returns the redirect's query. */
export async function promptFor(
  event: PostLoginEvent,
  port: FakeManagementPort,
): Promise<{ run: LoginRun; query: Record<string, string> }> {
  const run = await runLogin(event, port);
  const [redirect] = run.redirects;
  if (!redirect) throw new Error(`expected a redirect, got ${JSON.stringify(run.log)}`);
  return { run, query: redirect.query };
}

/**
 * onContinuePostLogin of the same Action, with `query` as the /continue request's query, from the
 * login's browser unless `from` says otherwise.
 */
export async function continueWith(
  event: PostLoginEvent,
  query: Record<string, string | undefined>,
  port: FakeManagementPort,
  server: FakeAuthorizationServer,
  from: { ip?: string; user_agent?: string } = {},
) {
  forgetSigningKeys();
  vi.stubGlobal("fetch", server.fetch);
  const recorded = recordingApi();
  const continued = { ...event, request: { ...event.request, ...from, query } };
  try {
    const lines = await captureLogLines(() =>
      runPromptContinuation(continued, recorded.api, () => port),
    );
    if (lines.length !== 1) throw new Error(`expected one log line, got ${lines.length}`);
    return { ...recorded, log: lines[0] as Record<string, unknown> };
  } finally {
    vi.unstubAllGlobals();
  }
}
