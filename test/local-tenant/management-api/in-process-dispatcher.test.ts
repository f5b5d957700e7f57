import { getGlobalDispatcher } from "undici";
import { afterEach, describe, expect, it, vi } from "vitest";
import {
  InProcessDispatcher,
  routeFetchInProcess,
} from "../../../src/local-tenant/management-api/in-process-dispatcher";
import {
  aliceDatabaseId,
  aliceGoogleId,
  linkingAction,
  managementToken,
  requestToken,
  startDemoTenant,
} from "./harness";
import { usersClient } from "./sdk-client";

let restore: (() => void) | undefined;
afterEach(() => {
  restore?.();
  restore = undefined;
});

interface Answer {
  status: number;
  contentType: string | null;
  rateLimitRemaining: string | null;
  body: string;
}

async function answerOf(response: Response): Promise<Answer> {
  return {
    status: response.status,
    contentType: response.headers.get("content-type"),
    rateLimitRemaining: response.headers.get("x-ratelimit-remaining"),
    body: await response.text(),
  };
}

describe("fetch routed to the emulator in process", () => {
  it("gets the answers the HTTPS server gives, for GET, POST and errors", async () => {
    const server = await startDemoTenant({ rateLimit: { limit: 50, refillPerSecond: 1 } });
    const token = await managementToken(server);
    const requests = [
      () =>
        fetch(`${server.origin}/api/v2/users/${encodeURIComponent(aliceDatabaseId)}`, {
          headers: { authorization: `Bearer ${token}` },
        }),
      () => fetch(`${server.origin}/api/v2/users-by-email?email=nobody%40example.com`),
      // Not served: without a token, refused first as Auth0 refuses it (401).
      () => fetch(`${server.origin}/api/v2/no-such-endpoint`),
      () =>
        fetch(`${server.origin}/api/v2/users/${encodeURIComponent(aliceDatabaseId)}`, {
          method: "PATCH",
          headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
          body: "{not json",
        }),
    ];
    const overHttps: Answer[] = [];
    for (const request of requests) overHttps.push(await answerOf(await request()));
    restore = routeFetchInProcess(server);
    const answeredInProcess = vi.spyOn(server, "answerInProcess");
    const inProcess: Answer[] = [];
    for (const request of requests) inProcess.push(await answerOf(await request()));
    expect(answeredInProcess).toHaveBeenCalledTimes(requests.length);

    const withoutRemaining = (answers: Answer[]) =>
      answers.map(({ rateLimitRemaining, ...rest }) => ({
        ...rest,
        hasRateLimitHeader: rateLimitRemaining !== null,
      }));
    expect(withoutRemaining(inProcess)).toEqual(withoutRemaining(overHttps));
    expect(inProcess.map((answer) => answer.status)).toEqual([200, 401, 401, 400]);
  });

  it("serves the token endpoint and the auth0 SDK, and logs each request once", async () => {
    const server = await startDemoTenant();
    restore = routeFetchInProcess(server);
    const answeredInProcess = vi.spyOn(server, "answerInProcess");
    const mark = server.requestLog.mark();
    const tokenResponse = await requestToken(server, linkingAction);
    expect(tokenResponse.status).toBe(200);
    const { access_token: token } = (await tokenResponse.json()) as { access_token: string };
    const found = await usersClient(server, token).listUsersByEmail({
      email: "alice@example.com",
    });
    expect(found.map((user) => user.user_id).sort()).toEqual(
      [aliceDatabaseId, aliceGoogleId].sort(),
    );
    expect(answeredInProcess).toHaveBeenCalledTimes(2);
    expect(server.requestLog.since(mark).map((entry) => [entry.endpointKey, entry.status])).toEqual(
      [
        ["token", 200],
        ["users-by-email", 200],
      ],
    );
  });

  it("fails the fetch, as a dropped connection does, when the response is lost", async () => {
    const server = await startDemoTenant();
    const token = await managementToken(server);
    restore = routeFetchInProcess(server);
    server.faults.inject("get-user", { kind: "lose-response" });
    await expect(
      fetch(`${server.origin}/api/v2/users/${encodeURIComponent(aliceDatabaseId)}`, {
        headers: { authorization: `Bearer ${token}` },
      }),
    ).rejects.toThrow("fetch failed");
  });

  it("leaves other origins on the network, and puts the network back once restored", async () => {
    const routed = await startDemoTenant();
    const other = await startDemoTenant();
    const networkDispatcher = getGlobalDispatcher();
    restore = routeFetchInProcess(routed);
    const routedInProcess = vi.spyOn(routed, "answerInProcess");
    expect(getGlobalDispatcher()).toBeInstanceOf(InProcessDispatcher);
    const otherMark = other.requestLog.mark();
    expect((await requestToken(other, linkingAction)).status).toBe(200);
    expect(other.requestLog.since(otherMark)).toHaveLength(1);
    expect(routedInProcess).not.toHaveBeenCalled();

    restore();
    restore = undefined;
    expect(getGlobalDispatcher()).toBe(networkDispatcher);
  });
});
