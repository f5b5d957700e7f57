import type { LocalTenant } from "../local-tenant";

/**
 * Records the Action's `account_linking` log line of every execution from now on, in order:
 * both handlers, a nested sign-in's included, as a log stream would show them.
 */
export function recordLinkingLines(tenant: LocalTenant): Record<string, unknown>[] {
  const lines: Record<string, unknown>[] = [];
  const record = (logs: string[]) => {
    for (const line of logs) {
      try {
        const parsed = JSON.parse(line) as Record<string, unknown>;
        if (parsed.event === "account_linking") lines.push(parsed);
      } catch {
        // Not one of the Action's JSON lines.
      }
    }
  };
  const { action } = tenant;
  const execute = action.execute.bind(action);
  const resume = action.resume.bind(action);
  action.execute = async (event) => {
    const result = await execute(event);
    record(result.logs);
    return result;
  };
  action.resume = async (event) => {
    const result = await resume(event);
    record(result.logs);
    return result;
  };
  return lines;
}
