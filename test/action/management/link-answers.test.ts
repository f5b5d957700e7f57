import { describe, expect, it } from "vitest";
import { createManagementPort } from "../../../src/action/management/management-port";
import { startTimeBudget } from "../../../src/action/time-budget";
import {
  aliceDatabaseId,
  aliceGoogleId,
  bobDatabaseId,
  linkingAction,
  startDemoTenant,
} from "../../local-tenant/management-api/harness";
import { recordingApi } from "../support/post-login-fixtures";

async function portOnDemoTenant() {
  const server = await startDemoTenant();
  const port = createManagementPort({
    settings: {
      domain: server.domain,
      clientId: linkingAction.clientId,
      clientSecret: linkingAction.clientSecret,
    },
    cache: recordingApi().api.cache,
    budget: startTimeBudget(5000),
    mustFinishBudget: startTimeBudget(5000),
  });
  return { server, port };
}

const aliceGoogle = {
  provider: "google-oauth2",
  providerUserId: aliceGoogleId.split("|")[1] ?? "",
};

// The Action's port against the local tenant over HTTPS: which of Auth0's answers to a link
// count as done.
describe("link answers, over HTTPS", () => {
  it("counts-409-identity-already-exists-as-already-linked", async () => {
    const { port } = await portOnDemoTenant();
    expect(await port.linkIdentity(aliceDatabaseId, aliceGoogle)).toEqual({
      ok: true,
      value: {
        kind: "linked",
        identities: [
          {
            provider: "auth0",
            providerUserId: aliceDatabaseId.split("|")[1],
            connection: "Username-Password-Authentication",
          },
          { ...aliceGoogle, connection: "google-oauth2" },
        ],
      },
    });
    expect(await port.linkIdentity(aliceDatabaseId, aliceGoogle)).toEqual({
      ok: true,
      value: { kind: "already_linked" },
    });
  });

  it("answers-secondary-not-found-as-a-failure-the-caller-must-check", async () => {
    const { port } = await portOnDemoTenant();
    const result = await port.linkIdentity(aliceDatabaseId, {
      provider: "google-oauth2",
      providerUserId: "000000000000000000000",
    });
    expect(result).toMatchObject({
      ok: false,
      failure: { status: 400, message: "Provided secondary account not found." },
    });
  });

  it("answers-a-malformed-link-as-a-failure-and-links-nothing", async () => {
    const { server, port } = await portOnDemoTenant();
    const result = await port.linkIdentity(aliceDatabaseId, {
      ...aliceGoogle,
      connectionId: "google-oauth2",
    });
    expect(result).toMatchObject({ ok: false, failure: { kind: "client_error", status: 400 } });
    expect(server.state.getUser(aliceGoogleId)).toBeDefined();
    expect(server.state.getUser(bobDatabaseId)).toBeDefined();
  });
});
