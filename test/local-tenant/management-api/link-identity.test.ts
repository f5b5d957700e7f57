import { describe, expect, test } from "vitest";
import { linkErrorMessages } from "../../../src/local-tenant/identity-linking";
import { aliceDatabaseId, aliceGoogleId, bobDatabaseId, carolOktaId, rejectionOf } from "./harness";
import { startDemoTenantWithUsersClient } from "./sdk-client";

const aliceGoogleIdentity = {
  provider: "google-oauth2",
  user_id: "104857362910473829104",
} as const;

describe("POST /api/v2/users/{id}/identities", () => {
  test("moves the secondary's identity, with its profile, into the primary", async () => {
    const { server, users } = await startDemoTenantWithUsersClient();
    const identities = await users.identities.link(aliceDatabaseId, aliceGoogleIdentity);
    expect(identities).toHaveLength(2);
    expect(identities[1]).toEqual({
      ...aliceGoogleIdentity,
      connection: "google-oauth2",
      isSocial: true,
      profileData: {
        email: "alice@example.com",
        email_verified: true,
        name: "Alice Example",
        given_name: "Alice",
        family_name: "Example",
        nickname: "alice",
        picture: "https://lh3.googleusercontent.com/a/alice",
      },
    });
    expect(server.state.getUser(aliceGoogleId)).toBeUndefined();
    expect(server.state.getUser(aliceDatabaseId)?.identities).toEqual(identities);
  });

  test("discards the secondary's user_metadata and app_metadata", async () => {
    const { server, users } = await startDemoTenantWithUsersClient();
    await users.update(aliceGoogleId, { app_metadata: { roles: ["admin"] } });
    await users.identities.link(aliceDatabaseId, aliceGoogleIdentity);
    const primary = server.state.getUser(aliceDatabaseId);
    expect(primary?.app_metadata).toEqual({ plan: "pro" });
    expect(primary?.user_metadata).toEqual({ theme: "dark" });
    expect(JSON.stringify(primary)).not.toContain("admin");
  });

  test("loses no identity: every identity before is still somewhere after", async () => {
    const { server, users } = await startDemoTenantWithUsersClient();
    const identityKeys = () =>
      server.state
        .snapshot()
        .flatMap((user) =>
          user.identities.map((identity) => `${identity.provider}|${identity.user_id}`),
        )
        .sort();
    const before = identityKeys();
    await users.identities.link(aliceDatabaseId, aliceGoogleIdentity);
    expect(identityKeys()).toEqual(before);
    expect(server.state.snapshot()).toHaveLength(3);
  });

  test("finds a database secondary through connection_id", async () => {
    const { server, users } = await startDemoTenantWithUsersClient();
    const connection = server.state.getConnectionByName("Username-Password-Authentication");
    const identities = await users.identities.link(carolOktaId, {
      provider: "auth0",
      user_id: "65b2e1d3c4b5a69788796a5c",
      connection_id: connection?.id ?? "",
    });
    expect(identities.map((identity) => identity.provider)).toEqual(["okta", "auth0"]);
    expect(server.state.getUser(bobDatabaseId)).toBeUndefined();
  });

  test("answers 409 when the identity is already linked to the primary", async () => {
    const { users } = await startDemoTenantWithUsersClient();
    await users.identities.link(aliceDatabaseId, aliceGoogleIdentity);
    const error = await rejectionOf(users.identities.link(aliceDatabaseId, aliceGoogleIdentity));
    expect(error.statusCode).toBe(409);
    expect(error.body).toEqual({
      statusCode: 409,
      error: "Conflict",
      message: linkErrorMessages.identityAlreadyExists,
    });
  });

  test("answers 400 when asked to link the primary with itself", async () => {
    const { users } = await startDemoTenantWithUsersClient();
    const error = await rejectionOf(
      users.identities.link(aliceDatabaseId, {
        provider: "auth0",
        user_id: "65a1f0c2d4e5f60718293a4b",
      }),
    );
    expect(error.statusCode).toBe(400);
    expect(error.body).toMatchObject({ message: linkErrorMessages.sameIdentity });
  });

  test("answers 400 when the secondary does not exist", async () => {
    const { users } = await startDemoTenantWithUsersClient();
    const error = await rejectionOf(
      users.identities.link(aliceDatabaseId, { provider: "google-oauth2", user_id: "999" }),
    );
    expect(error.statusCode).toBe(400);
    expect(error.body).toMatchObject({ message: linkErrorMessages.secondaryNotFound });
  });

  test("answers 400 secondary-not-found when connection_id names another connection", async () => {
    const { server, users } = await startDemoTenantWithUsersClient();
    const error = await rejectionOf(
      users.identities.link(aliceDatabaseId, {
        ...aliceGoogleIdentity,
        connection_id: server.state.getConnectionByName("apple")?.id ?? "",
      }),
    );
    expect(error.statusCode).toBe(400);
    expect(error.body).toMatchObject({ message: linkErrorMessages.secondaryNotFound });
    expect(server.state.getUser(aliceGoogleId)).toBeDefined();
  });

  // Auth0 support article "Attempting to Link a User to an Already Linked Identity - Results Does
  // not Fail" (community.auth0.com/t/132916).
  test("moves whoever holds a linked identity whole into the primary, with no error", async () => {
    const { server, users } = await startDemoTenantWithUsersClient();
    await users.identities.link(aliceDatabaseId, aliceGoogleIdentity);
    const identities = await users.identities.link(carolOktaId, aliceGoogleIdentity);
    expect(identities.map((identity) => `${identity.provider}|${identity.user_id}`)).toEqual([
      carolOktaId,
      aliceDatabaseId,
      aliceGoogleId,
    ]);
    expect(identities[1]?.profileData).toMatchObject({ email: "alice@example.com" });
    expect(server.state.getUser(aliceDatabaseId)).toBeUndefined();
    expect(server.state.snapshot()).toHaveLength(2);
  });

  test("moves the holder whole when its main identity is linked, too", async () => {
    const { server, users } = await startDemoTenantWithUsersClient();
    await users.identities.link(aliceDatabaseId, aliceGoogleIdentity);
    const identities = await users.identities.link(carolOktaId, {
      provider: "auth0",
      user_id: "65a1f0c2d4e5f60718293a4b",
    });
    expect(identities).toHaveLength(3);
    expect(server.state.getUser(aliceDatabaseId)).toBeUndefined();
  });

  test("answers 404 when the primary does not exist", async () => {
    const { users } = await startDemoTenantWithUsersClient();
    const error = await rejectionOf(users.identities.link("auth0|nobody", aliceGoogleIdentity));
    expect(error.statusCode).toBe(404);
  });

  test("answers 400 when provider is missing", async () => {
    const { users } = await startDemoTenantWithUsersClient();
    const error = await rejectionOf(
      users.identities.link(aliceDatabaseId, { user_id: "104857362910473829104" } as never),
    );
    expect(error.statusCode).toBe(400);
  });
});
