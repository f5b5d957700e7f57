import { afterEach } from "vitest";
import {
  type LocalTenant,
  type LocalTenantOptions,
  startLocalTenant,
} from "../../src/local-tenant/local-tenant";
import type { LoginInput, LoginResult } from "../../src/local-tenant/simulator/login";

const started: LocalTenant[] = [];

afterEach(async () => {
  await Promise.all(started.splice(0).map((tenant) => tenant.close()));
});

/** A local tenant running the built bundle from tenant.yaml, closed after the test. */
export async function localTenant(options: LocalTenantOptions = {}): Promise<LocalTenant> {
  const tenant = await startLocalTenant(options);
  started.push(tenant);
  return tenant;
}

export const email = "jane@example.com";

export const logins = {
  password: (overrides: Partial<LoginInput> = {}): LoginInput => ({
    connection: "Username-Password-Authentication",
    providerUserId: "jane-password",
    email,
    emailVerified: true,
    ...overrides,
  }),
  google: (overrides: Partial<LoginInput> = {}): LoginInput => ({
    connection: "google-oauth2",
    providerUserId: "104857362910473829104",
    email,
    emailVerified: true,
    ...overrides,
  }),
  apple: (overrides: Partial<LoginInput> = {}): LoginInput => ({
    connection: "apple",
    providerUserId: "000123.apple",
    email,
    emailVerified: true,
    ...overrides,
  }),
  okta: (overrides: Partial<LoginInput> = {}): LoginInput => ({
    connection: "acme-okta",
    providerUserId: "00u1okta",
    email,
    emailVerified: true,
    ...overrides,
  }),
};

/** The Action's one JSON log line of a login. */
export function logLine(result: LoginResult): Record<string, unknown> {
  const [line, ...rest] = result.logLines as Record<string, unknown>[];
  if (!line || rest.length > 0)
    throw new Error(`expected one log line, got ${result.logs.join("\n")}`);
  return line;
}

/** A login that must go on: fails the test with the simulator's reason otherwise. */
export async function loginOk(tenant: LocalTenant, input: LoginInput): Promise<LoginResult> {
  const result = await tenant.login(input);
  if (result.error || result.denied || !result.sessionUserId) {
    throw new Error(`login failed: ${result.error ?? result.denied} ${result.logs.join("\n")}`);
  }
  return result;
}
