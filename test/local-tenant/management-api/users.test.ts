import { describe, expect, test } from "vitest";
import { aliceDatabaseId, aliceGoogleId, callManagementApi, rejectionOf } from "./harness";
import { startDemoTenantWithUsersClient } from "./sdk-client";

describe("GET /api/v2/users-by-email", () => {
  test("returns every user whose email matches exactly", async () => {
    const { users } = await startDemoTenantWithUsersClient();
    const found = await users.listUsersByEmail({ email: "alice@example.com" });
    expect(found.map((user) => user.user_id).sort()).toEqual(
      [aliceDatabaseId, aliceGoogleId].sort(),
    );
  });

  test("is case-sensitive, like Auth0", async () => {
    const { users } = await startDemoTenantWithUsersClient();
    expect(await users.listUsersByEmail({ email: "Alice@Example.com" })).toEqual([]);
  });

  test("answers 400 when the email parameter is missing", async () => {
    const { server, token } = await startDemoTenantWithUsersClient();
    const response = await callManagementApi(server, token, "/api/v2/users-by-email");
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ statusCode: 400, error: "Bad Request" });
  });

  test("returns only the requested fields", async () => {
    const { users } = await startDemoTenantWithUsersClient();
    const found = await users.listUsersByEmail({
      email: "alice@example.com",
      fields: "user_id,email_verified",
      include_fields: true,
    });
    expect(Object.keys(found[0] ?? {}).sort()).toEqual(["email_verified", "user_id"]);
  });
});

describe("GET /api/v2/users/{id}", () => {
  test("finds a user by a URL-encoded id", async () => {
    const { server, token } = await startDemoTenantWithUsersClient();
    const response = await callManagementApi(
      server,
      token,
      "/api/v2/users/auth0%7C65a1f0c2d4e5f60718293a4b",
    );
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ user_id: aliceDatabaseId });
  });

  test("answers Auth0's 404 for an unknown user", async () => {
    const { server, token } = await startDemoTenantWithUsersClient();
    const response = await callManagementApi(server, token, "/api/v2/users/auth0%7Cnobody");
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({
      statusCode: 404,
      error: "Not Found",
      message: "The user does not exist.",
      errorCode: "inexistent_user",
    });
  });
});

describe("PATCH /api/v2/users/{id}", () => {
  test("merges metadata at the root: a given key is replaced whole, others are kept", async () => {
    const { users } = await startDemoTenantWithUsersClient();
    await users.update(aliceDatabaseId, { user_metadata: { prefs: { a: 1, b: 2 } } });
    const updated = await users.update(aliceDatabaseId, { user_metadata: { prefs: { a: 3 } } });
    expect(updated.user_metadata).toEqual({ theme: "dark", prefs: { a: 3 } });
  });

  test("deletes a metadata key whose value is null", async () => {
    const { users } = await startDemoTenantWithUsersClient();
    const updated = await users.update(aliceDatabaseId, {
      app_metadata: { plan: null, linked: true },
    });
    expect(updated.app_metadata).toEqual({ linked: true });
  });

  test("wipes the whole metadata object when given {}", async () => {
    const { users } = await startDemoTenantWithUsersClient();
    const updated = await users.update(aliceDatabaseId, { user_metadata: {} });
    expect(updated.user_metadata).toEqual({});
    expect(updated.app_metadata).toEqual({ plan: "pro" });
  });

  test("replaces other root fields such as email_verified", async () => {
    const { server, users } = await startDemoTenantWithUsersClient();
    await users.update(aliceDatabaseId, { email_verified: false });
    expect(server.state.getUser(aliceDatabaseId)?.email_verified).toBe(false);
  });

  test("rejects properties Auth0 does not accept with 400", async () => {
    const { users } = await startDemoTenantWithUsersClient();
    const error = await rejectionOf(users.update(aliceDatabaseId, { identities: [] } as never));
    expect(error.statusCode).toBe(400);
  });

  test("answers 404 for an unknown user", async () => {
    const { users } = await startDemoTenantWithUsersClient();
    const error = await rejectionOf(users.update("auth0|nobody", { user_metadata: { a: 1 } }));
    expect(error.statusCode).toBe(404);
  });
});
