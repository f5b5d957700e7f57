import { describe, expect, test } from "vitest";
import { aliceDatabaseId, callManagementApi, startDemoTenantWithToken } from "./harness";

describe("request log", () => {
  test("records every request with its endpoint key and status, without the query", async () => {
    const { server, token } = await startDemoTenantWithToken();
    await callManagementApi(server, token, "/api/v2/users-by-email?email=alice%40example.com");
    await callManagementApi(server, token, "/api/v2/nothing-here");
    const entries = server.requestLog.entries();
    expect(
      entries.map(({ method, path, endpointKey, status }) => ({
        method,
        path,
        endpointKey,
        status,
      })),
    ).toEqual([
      { method: "POST", path: "/oauth/token", endpointKey: "token", status: 200 },
      { method: "GET", path: "/api/v2/users-by-email", endpointKey: "users-by-email", status: 200 },
      { method: "GET", path: "/api/v2/nothing-here", endpointKey: "unmatched", status: 501 },
    ]);
    expect(JSON.stringify(entries)).not.toContain("alice");
    expect(Number.isNaN(Date.parse(entries[0]?.at ?? ""))).toBe(false);
  });

  test("since(mark) returns only the requests made after the mark", async () => {
    const { server, token } = await startDemoTenantWithToken();
    const mark = server.requestLog.mark();
    await callManagementApi(server, token, `/api/v2/users/${aliceDatabaseId}`);
    await callManagementApi(server, token, `/api/v2/users/${aliceDatabaseId}`);
    const duringLogin = server.requestLog.since(mark);
    expect(duringLogin).toHaveLength(2);
    expect(server.requestLog.countByEndpoint(duringLogin)).toEqual({ "get-user": 2 });
    expect(server.requestLog.countByEndpoint()).toEqual({ token: 1, "get-user": 2 });
  });

  test("clear() empties the log and earlier marks stay meaningful", async () => {
    const { server, token } = await startDemoTenantWithToken();
    const mark = server.requestLog.mark();
    server.requestLog.clear();
    await callManagementApi(server, token, `/api/v2/users/${aliceDatabaseId}`);
    expect(server.requestLog.entries()).toHaveLength(1);
    expect(server.requestLog.since(mark)).toHaveLength(1);
  });
});
