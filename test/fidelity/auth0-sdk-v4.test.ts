import { ManagementClient } from "auth0-v4";
import { describe, expect, it } from "vitest";
import {
  aliceDatabaseId,
  aliceGoogleId,
  linkingAction,
  startDemoTenant,
} from "../local-tenant/management-api/harness";

// The auth0 SDK at its previous major version (4.x, through the npm alias auth0-v4), which
// nobody here wrote, against the local tenant: it gets its own token by client credentials.

async function sdkOnDemoTenant() {
  const server = await startDemoTenant();
  const management = new ManagementClient({
    domain: server.domain,
    clientId: linkingAction.clientId,
    clientSecret: linkingAction.clientSecret,
  });
  return { server, management };
}

describe("auth0 4.x ManagementClient against the local tenant", () => {
  it("reads-a-user-and-finds-users-by-email", async () => {
    const { management } = await sdkOnDemoTenant();
    const { data: user } = await management.users.get({ id: aliceDatabaseId });
    expect(user.email).toBe("alice@example.com");
    const { data: found } = await management.usersByEmail.getByEmail({
      email: "alice@example.com",
    });
    expect(found.map(({ user_id }) => user_id).sort()).toEqual(
      [aliceDatabaseId, aliceGoogleId].sort(),
    );
  });

  it("pages-every-connection-by-checkpoint", async () => {
    const { server, management } = await sdkOnDemoTenant();
    const ids: string[] = [];
    let from: string | undefined;
    do {
      const { data } = await management.connections.getAll({ take: 2, ...(from ? { from } : {}) });
      const page = data as unknown as { connections: { id: string }[]; next?: string };
      ids.push(...page.connections.map(({ id }) => id));
      from = page.next;
    } while (from);
    expect(ids).toEqual(server.state.connections.map(({ id }) => id));
  });

  it("links-an-identity-and-reports-a-missing-user-as-auth0-does", async () => {
    const { server, management } = await sdkOnDemoTenant();
    const { data: identities } = await management.users.link(
      { id: aliceDatabaseId },
      { provider: "google-oauth2", user_id: aliceGoogleId.split("|")[1] ?? "" },
    );
    expect(identities.map(({ provider }) => provider)).toEqual(["auth0", "google-oauth2"]);
    expect(server.state.getUser(aliceGoogleId)).toBeUndefined();
    await expect(management.users.get({ id: "auth0|nobody" })).rejects.toMatchObject({
      statusCode: 404,
      errorCode: "inexistent_user",
    });
  });

  it("is-told-a-route-is-not-emulated-rather-than-that-nothing-exists", async () => {
    const { management } = await sdkOnDemoTenant();
    const refusal = await management.logStreams.getAll().then(
      () => undefined,
      (thrown: unknown) => thrown as { statusCode: number; message: string },
    );
    expect(refusal?.statusCode).toBe(501);
    expect(refusal?.message).toMatch(/not emulated/i);
  });
});
