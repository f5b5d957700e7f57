import { onTestFinished } from "vitest";
import {
  type CertificateAuthority,
  createCertificateAuthority,
} from "../../../src/local-tenant/certificates";
import { demoSeedPath } from "../../../src/local-tenant/local-tenant";
import {
  type ManagementApiOptions,
  type ManagementApiServer,
  startManagementApi,
} from "../../../src/local-tenant/management-api";
import { TenantState } from "../../../src/local-tenant/tenant-state";
import { trustCertificateAuthority } from "../../../src/local-tenant/trust";

export interface ClientCredentials {
  clientId: string;
  clientSecret: string;
}

export const linkingAction: ClientCredentials = {
  clientId: "LinkingActionClientId00000000001",
  clientSecret: "local-only-linking-action-secret-not-a-real-credential",
};
export const deployCli: ClientCredentials = {
  clientId: "DeployCliClientId000000000000002",
  clientSecret: "local-only-deploy-cli-secret-not-a-real-credential",
};
export const clientWithoutGrants: ClientCredentials = {
  clientId: "NoGrantsClientId0000000000000003",
  clientSecret: "local-only-no-grants-secret-not-a-real-credential",
};

export const aliceDatabaseId = "auth0|65a1f0c2d4e5f60718293a4b";
export const aliceGoogleId = "google-oauth2|104857362910473829104";
export const bobDatabaseId = "auth0|65b2e1d3c4b5a69788796a5c";
export const carolOktaId = "okta|00u1carol2acme3okta";

let sharedAuthority: Promise<CertificateAuthority> | undefined;

/** One CA per test file, trusted by this process's fetch. */
function testCertificateAuthority(): Promise<CertificateAuthority> {
  sharedAuthority ??= createCertificateAuthority().then((ca) => {
    trustCertificateAuthority(ca.caPem);
    return ca;
  });
  return sharedAuthority;
}

/** The demo tenant, rate limiting off unless the test asks for it; closed when the test finishes. */
export async function startDemoTenant(
  options: Partial<ManagementApiOptions> = {},
): Promise<ManagementApiServer> {
  const server = await startManagementApi({
    state: await TenantState.fromFile(demoSeedPath),
    rateLimit: false,
    tokenRateLimit: false,
    ca: await testCertificateAuthority(),
    ...options,
  });
  onTestFinished(() => server.close());
  return server;
}

/** The demo tenant and a token for the linking Action's client. */
export async function startDemoTenantWithToken(
  options: Partial<ManagementApiOptions> = {},
): Promise<{ server: ManagementApiServer; token: string }> {
  const server = await startDemoTenant(options);
  return { server, token: await managementToken(server) };
}

export function requestToken(
  server: ManagementApiServer,
  client: ClientCredentials,
  overrides: Record<string, string> = {},
): Promise<Response> {
  return fetch(`${server.origin}/oauth/token`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({
      grant_type: "client_credentials",
      client_id: client.clientId,
      client_secret: client.clientSecret,
      audience: `https://${server.domain}/api/v2/`,
      ...overrides,
    }),
  });
}

export async function managementToken(
  server: ManagementApiServer,
  client: ClientCredentials = linkingAction,
): Promise<string> {
  const response = await requestToken(server, client);
  if (response.status !== 200) throw new Error(`token request failed: ${response.status}`);
  const body = (await response.json()) as { access_token: string };
  return body.access_token;
}

export function callManagementApi(
  server: ManagementApiServer,
  token: string | undefined,
  path: string,
  init: { method?: string; body?: unknown } = {},
): Promise<Response> {
  return fetch(`${server.origin}${path}`, {
    method: init.method ?? "GET",
    headers: {
      ...(token === undefined ? {} : { authorization: `Bearer ${token}` }),
      ...(init.body === undefined ? {} : { "content-type": "application/json" }),
    },
    ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
  });
}

/** Resolves with the SDK's rejection so a test can inspect it. */
export async function rejectionOf(promise: Promise<unknown>): Promise<{
  statusCode?: number;
  body?: unknown;
  message: string;
}> {
  try {
    await promise;
  } catch (error) {
    return error as { statusCode?: number; body?: unknown; message: string };
  }
  throw new Error("expected the call to fail");
}
