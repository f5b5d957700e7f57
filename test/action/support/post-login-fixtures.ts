import { vi } from "vitest";
import type { PostLoginApi, PostLoginEvent } from "../../../src/actions-platform/post-login";
import type { FakeUser } from "./fake-management-port";

export const secrets = {
  AUTH0_DOMAIN: "tenant.example.com",
  AUTH0_CLIENT_ID: "client-id-0123456789abcdef",
  AUTH0_CLIENT_SECRET: "super-secret-value-never-logged",
};

export const connections = {
  database: {
    id: "con_0000000000000001",
    name: "Username-Password-Authentication",
    strategy: "auth0",
  },
  google: { id: "con_0000000000000002", name: "google-oauth2", strategy: "google-oauth2" },
  okta: { id: "con_0000000000000003", name: "acme-okta", strategy: "okta" },
} as const;

type ConnectionKey = keyof typeof connections;

export function account(
  connection: ConnectionKey,
  id: string,
  overrides: Partial<FakeUser> = {},
): FakeUser {
  const { strategy, name } = connections[connection];
  return {
    user_id: `${strategy}|${id}`,
    email: "jane@example.com",
    email_verified: true,
    created_at: "2024-01-01T00:00:00.000Z",
    identities: [
      { provider: strategy, user_id: id, connection: name, isSocial: strategy !== "auth0" },
    ],
    user_metadata: {},
    app_metadata: {},
    ...overrides,
  };
}

export function loginEvent(
  user: FakeUser,
  connection: ConnectionKey,
  overrides: Partial<PostLoginEvent> = {},
  extraSecrets: Record<string, string> = {},
): PostLoginEvent {
  return {
    user: structuredClone(user),
    connection: { ...connections[connection] },
    transaction: { protocol: "oidc-basic-profile" },
    stats: { logins_count: 1 },
    secrets: { ...secrets, ...extraSecrets },
    ...overrides,
  };
}

export interface RecordingApi {
  api: PostLoginApi;
  denied: string[];
  primaryUser: string[];
  multifactor: { provider: string; options?: { allowRememberBrowser?: boolean } }[];
  appMetadata: Record<string, unknown>;
  userMetadata: Record<string, unknown>;
  redirects: { url: string; query: Record<string, string> }[];
  transactionMetadata: Record<string, unknown>;
}

export function recordingApi(): RecordingApi {
  const recorded: RecordingApi = {
    denied: [],
    primaryUser: [],
    multifactor: [],
    appMetadata: {},
    userMetadata: {},
    redirects: [],
    transactionMetadata: {},
    api: undefined as unknown as PostLoginApi,
  };
  const entries = new Map<string, { value: string; expires_at: number }>();
  const api: PostLoginApi = {
    access: {
      deny: (reason) => {
        recorded.denied.push(reason);
        return api;
      },
    },
    authentication: {
      setPrimaryUser: (id) => void recorded.primaryUser.push(id),
      challengeWith: () => {
        throw new Error("the Action never challenges during the flow");
      },
      challengeWithAny: () => {
        throw new Error("the Action never challenges during the flow");
      },
    },
    multifactor: {
      enable: (provider, options) => {
        recorded.multifactor.push({ provider, ...(options ? { options } : {}) });
        return api;
      },
    },
    user: {
      setAppMetadata: (key, value) => {
        recorded.appMetadata[key] = value;
        return api;
      },
      setUserMetadata: (key, value) => {
        recorded.userMetadata[key] = value;
        return api;
      },
    },
    redirect: {
      sendUserTo: (url, options) =>
        void recorded.redirects.push({ url, query: { ...options?.query } }),
    },
    transaction: {
      setMetadata: (key, value) => {
        recorded.transactionMetadata[key] = value;
      },
    },
    cache: {
      get: (key) => entries.get(key),
      set: (key, value, options) => {
        entries.set(key, { value, expires_at: options?.expires_at ?? Date.now() + 900_000 });
        return { type: "success" };
      },
      delete: (key) => {
        entries.delete(key);
        return { type: "success" };
      },
    },
  };
  recorded.api = api;
  return recorded;
}

/** Captures the JSON lines the Action writes with console.log during `run`. */
export async function captureLogLines(
  run: () => Promise<void>,
): Promise<Record<string, unknown>[]> {
  const lines: string[] = [];
  const spy = vi.spyOn(console, "log").mockImplementation((line: unknown) => {
    lines.push(String(line));
  });
  try {
    await run();
  } finally {
    spy.mockRestore();
  }
  return lines.map((line) => JSON.parse(line) as Record<string, unknown>);
}
