import { describe, expect, test } from "vitest";
import { loadDemoSeed } from "../../../src/local-tenant/local-tenant";
import { TenantState } from "../../../src/local-tenant/tenant-state";
import {
  aliceDatabaseId,
  aliceGoogleId,
  callManagementApi,
  managementToken,
  startDemoTenant,
  startDemoTenantWithToken,
} from "./harness";

const alicePath = `/api/v2/users/${aliceDatabaseId}`;

type Tenant = Awaited<ReturnType<typeof startDemoTenant>>;

function expectUnchanged(server: Tenant, before: unknown): void {
  expect(server.state.getUser(aliceDatabaseId)).toEqual(before);
}

/** Sends `body` to one of Alice's endpoints; expects 400 invalid_body naming `reason`, and no change. */
async function expectInvalidBody(
  method: string,
  path: string,
  body: unknown,
  reason: string,
): Promise<string> {
  const { server, token } = await startDemoTenantWithToken();
  const before = server.state.getUser(aliceDatabaseId);
  const response = await callManagementApi(server, token, path, { method, body });
  expect(response.status).toBe(400);
  const answer = (await response.json()) as Record<string, string>;
  expect(answer.errorCode).toBe("invalid_body");
  expect(answer.message).toContain(`Payload validation error: '${reason}`);
  expectUnchanged(server, before);
  return answer.message ?? "";
}

describe("request validation from the specification", () => {
  test("refuses a fields value outside the specified list, naming the values allowed", async () => {
    const { server, token } = await startDemoTenantWithToken();
    const response = await callManagementApi(server, token, `${alicePath}?fields=user_id,password`);
    expect(response.status).toBe(400);
    const body = (await response.json()) as Record<string, string>;
    expect(body).toMatchObject({
      statusCode: 400,
      error: "Bad Request",
      errorCode: "invalid_query_string",
    });
    expect(body.message).toMatch(
      /^Query validation error: 'String 'user_id,password' does not match pattern\. Must be a comma separated list of the following values: phone_number,email,.*' on property fields \(Comma-separated list/,
    );
  });

  test("accepts the specified fields and reads include_fields as a boolean", async () => {
    const { server, token } = await startDemoTenantWithToken();
    const response = await callManagementApi(
      server,
      token,
      `${alicePath}?fields=user_id,email&include_fields=true`,
    );
    expect(response.status).toBe(200);
    expect(Object.keys((await response.json()) as object).sort()).toEqual(["email", "user_id"]);
  });

  test("refuses include_fields that is not a boolean", async () => {
    const { server, token } = await startDemoTenantWithToken();
    const response = await callManagementApi(server, token, `${alicePath}?include_fields=yes`);
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({
      errorCode: "invalid_query_string",
      message:
        "Query validation error: 'Expected type boolean but found type string' on property include_fields (Whether specified fields are to be included (true) or excluded (false).).",
    });
  });

  test("names a missing required query parameter", async () => {
    const { server, token } = await startDemoTenantWithToken();
    const response = await callManagementApi(server, token, "/api/v2/users-by-email");
    expect(await response.json()).toEqual({
      statusCode: 400,
      error: "Bad Request",
      message: "Query validation error: 'Missing required property: email'.",
      errorCode: "invalid_query_string",
    });
  });

  test.each([
    [{ blocked: "yes" }, "Expected type boolean but found type string' on property blocked"],
    [{ phone_number: "555-1234" }, "String does not match pattern ^\\+[0-9]{1,15}$: 555-1234'"],
    [{ email: "not-an-email" }, "Object didn't pass validation for format email: not-an-email'"],
    [{ name: "" }, "String is too short (0 chars), minimum 1' on property name"],
    [{ user_metadata: [] }, "Expected type object but found type array' on property user_metadata"],
  ])("refuses the PATCH %j and changes nothing", async (patch, reason) => {
    await expectInvalidBody("PATCH", alicePath, patch, reason);
  });

  test.each([
    [{ provider: "not-a-provider", user_id: "1" }, 'No enum match for: "not-a-provider"\''],
    [
      { provider: "auth0", user_id: "1", connection_id: "Username-Password-Authentication" },
      "String does not match pattern ^con_[A-Za-z0-9]{16}$: Username-Password-Authentication'",
    ],
    [{}, "Too few properties defined (0), minimum 1'"],
    [{ provider: "auth0", user_id: "1", extra: true }, "Additional properties not allowed: extra'"],
  ])("refuses the malformed link body %j with 400 invalid_body", async (link, reason) => {
    const message = await expectInvalidBody("POST", `${alicePath}/identities`, link, reason);
    expect(message).not.toContain("Provided secondary account not found");
  });

  test("a well-formed link still links (control)", async () => {
    const { server, token } = await startDemoTenantWithToken();
    const response = await callManagementApi(server, token, `${alicePath}/identities`, {
      method: "POST",
      body: { provider: "google-oauth2", user_id: aliceGoogleId.split("|")[1] },
    });
    expect(response.status).toBe(201);
    expect(server.state.getUser(aliceGoogleId)).toBeUndefined();
  });
});

describe("scopes from the specification's security", () => {
  async function tenantWithAppMetadataClient() {
    const seed = await loadDemoSeed({ withUsers: true });
    const client = {
      client_id: "AppMetadataOnlyClient00000000004",
      client_secret: "local-only-app-metadata-secret-not-a-real-credential",
      name: "app-metadata-only",
      grants: [{ scope: ["update:users_app_metadata"] }],
    };
    const server = await startDemoTenant({
      state: TenantState.fromSeed({ ...seed, clients: [...seed.clients, client] }),
    });
    const token = await managementToken(server, {
      clientId: client.client_id,
      clientSecret: client.client_secret,
    });
    return { server, token };
  }

  test("update:users_app_metadata may PATCH app_metadata", async () => {
    const { server, token } = await tenantWithAppMetadataClient();
    const response = await callManagementApi(server, token, alicePath, {
      method: "PATCH",
      body: { app_metadata: { tier: "gold" } },
    });
    expect(response.status).toBe(200);
    expect(server.state.getUser(aliceDatabaseId)?.app_metadata).toMatchObject({ tier: "gold" });
  });

  test("update:users_app_metadata may not PATCH other fields", async () => {
    const { server, token } = await tenantWithAppMetadataClient();
    const before = server.state.getUser(aliceDatabaseId);
    const response = await callManagementApi(server, token, alicePath, {
      method: "PATCH",
      body: { user_metadata: { theme: "dark" } },
    });
    expect(response.status).toBe(403);
    expect(await response.json()).toMatchObject({ errorCode: "insufficient_scope" });
    expectUnchanged(server, before);
  });
});

describe("PATCH /api/v2/users/{id} semantics", () => {
  test("null unsets a root attribute instead of storing null", async () => {
    const { server, token } = await startDemoTenantWithToken();
    expect(server.state.getUser(aliceDatabaseId)).toHaveProperty("nickname");
    const response = await callManagementApi(server, token, alicePath, {
      method: "PATCH",
      body: { nickname: null, name: "Alice A." },
    });
    expect(response.status).toBe(200);
    const answered = (await response.json()) as Record<string, unknown>;
    expect(answered).not.toHaveProperty("nickname");
    expect(answered.name).toBe("Alice A.");
    expect(server.state.getUser(aliceDatabaseId)).not.toHaveProperty("nickname");
  });
});
