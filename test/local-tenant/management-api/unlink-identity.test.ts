import { describe, expect, test } from "vitest";
import { linkErrorMessages } from "../../../src/local-tenant/identity-linking";
import {
  aliceDatabaseId,
  aliceGoogleId,
  callManagementApi,
  deployCli,
  managementToken,
  rejectionOf,
} from "./harness";
import { startDemoTenantWithUsersClient } from "./sdk-client";

const aliceGoogle = { provider: "google-oauth2", user_id: "104857362910473829104" } as const;

async function linkedAlice() {
  const tenant = await startDemoTenantWithUsersClient();
  await tenant.users.update(aliceGoogleId, { user_metadata: { locale: "fr" } });
  await tenant.users.identities.link(aliceDatabaseId, aliceGoogle);
  return tenant;
}

describe("DELETE /api/v2/users/{id}/identities/{provider}/{user_id}", () => {
  test("answers with the primary's remaining identities", async () => {
    const { server, users } = await linkedAlice();
    const identities = await users.identities.delete(
      aliceDatabaseId,
      aliceGoogle.provider,
      aliceGoogle.user_id,
    );
    expect(identities).toEqual([
      {
        provider: "auth0",
        user_id: "65a1f0c2d4e5f60718293a4b",
        connection: "Username-Password-Authentication",
        isSocial: false,
      },
    ]);
    expect(server.state.getUser(aliceDatabaseId)?.identities).toEqual(identities);
  });

  test("recreates the secondary from its profileData, with no metadata", async () => {
    const { server, users } = await linkedAlice();
    const profile = server.state
      .getUser(aliceDatabaseId)
      ?.identities.find((identity) => identity.provider === "google-oauth2")?.profileData;
    await users.identities.delete(aliceDatabaseId, aliceGoogle.provider, aliceGoogle.user_id);

    const recreated = server.state.getUser(aliceGoogleId);
    expect(recreated).toMatchObject({
      ...profile,
      user_id: aliceGoogleId,
      identities: [
        { provider: "google-oauth2", user_id: aliceGoogle.user_id, connection: "google-oauth2" },
      ],
      user_metadata: {},
      app_metadata: {},
    });
    expect(recreated?.identities[0]).not.toHaveProperty("profileData");
    expect(
      server.state.findUserByIdentity(aliceGoogle.provider, aliceGoogle.user_id)?.user_id,
    ).toBe(aliceGoogleId);
  });

  test("refuses to remove the primary's own identity", async () => {
    const { server, users } = await linkedAlice();
    const rejection = await rejectionOf(
      users.identities.delete(aliceDatabaseId, "auth0", "65a1f0c2d4e5f60718293a4b"),
    );
    expect(rejection.statusCode).toBe(400);
    expect(rejection.body).toMatchObject({
      message: linkErrorMessages.mainIdentityCannotBeRemoved,
    });
    expect(server.state.getUser(aliceDatabaseId)?.identities).toHaveLength(2);
  });

  test("answers with the identities unchanged for an identity the primary does not have", async () => {
    const { server, users } = await linkedAlice();
    const before = server.state.snapshot();
    const identities = await users.identities.delete(aliceDatabaseId, "apple", "nobody");
    expect(identities).toHaveLength(2);
    expect(server.state.snapshot()).toEqual(before);
  });

  test("answers 404 for a primary that does not exist", async () => {
    const { users } = await linkedAlice();
    const rejection = await rejectionOf(
      users.identities.delete("auth0|nobody", aliceGoogle.provider, aliceGoogle.user_id),
    );
    expect(rejection.statusCode).toBe(404);
  });

  test("needs update:users", async () => {
    const { server } = await linkedAlice();
    const token = await managementToken(server, deployCli);
    const response = await callManagementApi(
      server,
      token,
      `/api/v2/users/${encodeURIComponent(aliceDatabaseId)}/identities/google-oauth2/${aliceGoogle.user_id}`,
      { method: "DELETE" },
    );
    expect(response.status).toBe(403);
    expect(server.state.getUser(aliceDatabaseId)?.identities).toHaveLength(2);
  });
});

describe("the profile size limit", () => {
  test("stores a profile over 10 KB with a depnote warning", async () => {
    const { server, users } = await startDemoTenantWithUsersClient();
    await users.update(aliceDatabaseId, { user_metadata: { notes: "n".repeat(12_000) } });
    expect(server.state.getUser(aliceDatabaseId)?.user_metadata).toHaveProperty("notes");
    expect(server.state.profileSizeWarnings).toMatchObject([
      { type: "depnote", user_id: aliceDatabaseId, bytes: expect.any(Number) },
    ]);
  });

  test("rejects a write past the extended allowance and changes nothing", async () => {
    const { server, users } = await startDemoTenantWithUsersClient();
    const before = server.state.getUser(aliceDatabaseId);
    const rejection = await rejectionOf(
      users.update(aliceDatabaseId, { user_metadata: { notes: "n".repeat(110_000) } }),
    );
    expect(rejection.statusCode).toBe(400);
    expect(server.state.getUser(aliceDatabaseId)).toEqual(before);
  });

  test("stores a profile within the limit without a warning", async () => {
    const { server, users } = await startDemoTenantWithUsersClient();
    await users.update(aliceDatabaseId, { user_metadata: { notes: "n".repeat(2_000) } });
    expect(server.state.profileSizeWarnings).toEqual([]);
  });
});
