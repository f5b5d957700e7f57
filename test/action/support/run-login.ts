import { runAccountLinking } from "../../../src/action/login/run-account-linking";
import type { PostLoginEvent } from "../../../src/actions-platform/post-login";
import type { FakeManagementPort } from "./fake-management-port";
import { captureLogLines, type RecordingApi, recordingApi } from "./post-login-fixtures";

export interface LoginRun extends RecordingApi {
  log: Record<string, unknown>;
  port: FakeManagementPort;
}

/** Runs the orchestration once against a fake Management API and returns what it did. */
export async function runLogin(event: PostLoginEvent, port: FakeManagementPort): Promise<LoginRun> {
  const recorded = recordingApi();
  let portCreations = 0;
  const lines = await captureLogLines(() =>
    runAccountLinking(event, recorded.api, () => {
      portCreations++;
      return port;
    }),
  );
  if (lines.length !== 1) throw new Error(`expected one log line, got ${lines.length}`);
  const [log] = lines as [Record<string, unknown>];
  return { ...recorded, log, port: Object.assign(port, { portCreations }) };
}
