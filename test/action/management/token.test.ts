import { afterEach, describe, expect, it, vi } from "vitest";
import { defaultRetryPolicy } from "../../../src/action/management/retry-policy";
import { forgetManagementToken, getManagementToken } from "../../../src/action/management/token";
import { startTimeBudget } from "../../../src/action/time-budget";
import { recordingApi } from "../support/post-login-fixtures";

const settings = {
  domain: "token-test.example.com",
  clientId: "token-client",
  clientSecret: "s3cret",
};

function environment() {
  return {
    budget: startTimeBudget(5000),
    policy: defaultRetryPolicy,
    now: Date.now,
    sleep: async () => {},
    onAttempt: () => {},
  };
}

function stubTokenEndpoint(expiresIn = 86_400) {
  let issued = 0;
  const fetchStub = vi.fn(async (url: string | URL | Request, init?: RequestInit) => {
    issued++;
    expect(String(url)).toBe(`https://${settings.domain}/oauth/token`);
    expect(JSON.parse(String(init?.body))).toMatchObject({
      grant_type: "client_credentials",
      audience: `https://${settings.domain}/api/v2/`,
    });
    return Response.json({ access_token: `token-${issued}`, expires_in: expiresIn });
  });
  vi.stubGlobal("fetch", fetchStub);
  return fetchStub;
}

afterEach(() => {
  vi.unstubAllGlobals();
  forgetManagementToken(settings, recordingApi().api.cache);
});

describe("management token cache", () => {
  it("requests-a-token-once-and-reuses-it-from-module-scope", async () => {
    const fetchStub = stubTokenEndpoint();
    const { api } = recordingApi();
    const first = await getManagementToken(settings, api.cache, environment(), () => {});
    const second = await getManagementToken(
      settings,
      recordingApi().api.cache,
      environment(),
      () => {},
    );
    expect(first).toEqual({ ok: true, value: "token-1" });
    expect(second).toEqual({ ok: true, value: "token-1" });
    expect(fetchStub).toHaveBeenCalledTimes(1);
  });

  it("shares-one-token-request-between-concurrent-callers", async () => {
    const fetchStub = stubTokenEndpoint();
    const caches = [recordingApi().api.cache, recordingApi().api.cache, recordingApi().api.cache];
    const results = await Promise.all(
      caches.map((cache) => getManagementToken(settings, cache, environment(), () => {})),
    );
    expect(results).toEqual([
      { ok: true, value: "token-1" },
      { ok: true, value: "token-1" },
      { ok: true, value: "token-1" },
    ]);
    expect(fetchStub).toHaveBeenCalledTimes(1);
  });

  it("stores-the-token-in-api-cache-until-shortly-before-it-expires", async () => {
    stubTokenEndpoint(3600);
    const { api } = recordingApi();
    const before = Date.now();
    await getManagementToken(settings, api.cache, environment(), () => {});
    const entry = api.cache.get(`linking:mgmt-token:${settings.clientId}`);
    expect(entry?.value).toBe("token-1");
    expect(entry?.expires_at).toBeGreaterThanOrEqual(before + 3_540_000);
    expect(entry?.expires_at).toBeLessThan(before + 3_600_000);
  });

  it("takes-a-token-another-execution-cached-without-a-request", async () => {
    const fetchStub = stubTokenEndpoint();
    const { api } = recordingApi();
    api.cache.set(`linking:mgmt-token:${settings.clientId}`, "shared-token", {
      expires_at: Date.now() + 600_000,
    });
    const result = await getManagementToken(settings, api.cache, environment(), () => {});
    expect(result).toEqual({ ok: true, value: "shared-token" });
    expect(fetchStub).not.toHaveBeenCalled();
  });

  it("reports-a-refused-client-as-a-client-error-without-the-secret", async () => {
    vi.stubGlobal("fetch", async () => Response.json({ error: "access_denied" }, { status: 401 }));
    const result = await getManagementToken(
      settings,
      recordingApi().api.cache,
      environment(),
      () => {},
    );
    expect(result).toMatchObject({ ok: false, failure: { kind: "client_error", status: 401 } });
    expect(JSON.stringify(result)).not.toContain(settings.clientSecret);
  });
});
