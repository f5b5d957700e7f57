import { generateKeyPair } from "jose";
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { DECLINE_KEY } from "../../../src/linking/prompt-decline";
import { FakeManagementPort } from "../support/fake-management-port";
import { account } from "../support/post-login-fixtures";
import { FakeAuthorizationServer } from "./fake-authorization-server";
import {
  databaseAccount,
  oktaAccount,
  personsBrowser,
  promptedLogin,
  promptSecrets,
  transactionId,
} from "./prompt-fixtures";
import { continueWith, promptFor } from "./run-continuation";

let server: FakeAuthorizationServer;
let port: FakeManagementPort;

beforeAll(async () => {
  server = await new FakeAuthorizationServer(
    "tenant.example.com",
    promptSecrets.PROMPT_CLIENT_ID,
    promptSecrets.PROMPT_CLIENT_SECRET,
  ).start();
});

beforeEach(() => {
  server.reset();
  port = new FakeManagementPort([structuredClone(databaseAccount), structuredClone(oktaAccount)]);
});

function stored(userId: string) {
  const user = port.user(userId);
  if (!user) throw new Error(`no user ${userId}`);
  return user;
}

const login = () => promptedLogin(oktaAccount, "okta");

async function signedInAs(
  sub: string,
  options: Parameters<FakeAuthorizationServer["signIn"]>[1] | object = {},
) {
  const { query } = await promptFor(login(), port);
  const code = server.signIn(query, { sub, ...options });
  return { query, code };
}

function expectNothingLinked(
  result: Awaited<ReturnType<typeof continueWith>>,
  reason: string,
  { linkAttempted = false } = {},
) {
  expect(result.log).toMatchObject({ outcome: "declined", reason, links: 0 });
  expect(result.primaryUser).toEqual([]);
  // Only a sign-in finished in another browser is denied: that browser must not be signed in to
  // the account whose login started it.
  expect(result.denied).toEqual(
    reason === "browser_changed" ? [expect.stringContaining("another browser")] : [],
  );
  expect(port.calls.filter((call) => call.op === "linkIdentity")).toHaveLength(
    linkAttempted ? 1 : 0,
  );
  expect(port.user(oktaAccount.user_id)).toBeDefined();
  expect(port.user(databaseAccount.user_id)?.identities).toHaveLength(1);
  // Only the person's own "not now" holds the offer back; anything else lets the next login ask.
  if (reason === "person_declined") {
    expect(result.appMetadata[DECLINE_KEY]).toMatchObject({ v: 1, reason });
  } else {
    expect(result.appMetadata).not.toHaveProperty(DECLINE_KEY);
  }
}

describe("the continuation links once every check passed", () => {
  it("links-the-enterprise-login-into-the-database-account-the-person-signed-in-to", async () => {
    const { code } = await signedInAs(databaseAccount.user_id);
    const result = await continueWith(login(), { code, state: "outer" }, port, server);
    expect(result.log).toMatchObject({
      outcome: "linked",
      reason: "linked_after_sign_in",
      primary_user_id: databaseAccount.user_id,
      links: 1,
      current_became_secondary: true,
    });
    expect(result.primaryUser).toEqual([databaseAccount.user_id]);
    expect(port.user(oktaAccount.user_id)).toBeUndefined();
    expect(port.user(databaseAccount.user_id)?.identities.map((i) => i.provider)).toEqual([
      "auth0",
      "okta",
    ]);
    const link = port.calls.find((call) => call.op === "linkIdentity");
    expect(link).toMatchObject({
      primaryUserId: databaseAccount.user_id,
      identity: {
        provider: "okta",
        providerUserId: "okta-jane",
        connectionId: "con_0000000000000003",
      },
      mustFinish: true,
    });
    expect(result.appMetadata).toEqual({});
    expect(server.requests.map((r) => new URL(r.url).pathname)).toEqual([
      "/oauth/token",
      "/.well-known/jwks.json",
    ]);
    const exchange = server.requests[0]?.body;
    expect(exchange?.get("grant_type")).toBe("authorization_code");
    expect(exchange?.get("redirect_uri")).toBe("https://tenant.example.com/continue");
  });

  it("links-an-account-with-mfa-when-the-sign-in-performed-it", async () => {
    stored(databaseAccount.user_id).multifactor = ["guardian"];
    const { code } = await signedInAs(databaseAccount.user_id, { claims: { amr: ["mfa"] } });
    const result = await continueWith(login(), { code }, port, server);
    expect(result.log).toMatchObject({
      outcome: "linked",
      primary_user_id: databaseAccount.user_id,
    });
  });

  it("links-an-account-whose-only-factor-multifactor-omits-when-the-sign-in-performed-it", async () => {
    port.withUnlistedFactor(databaseAccount.user_id);
    const { code } = await signedInAs(databaseAccount.user_id, { claims: { amr: ["mfa"] } });
    const result = await continueWith(login(), { code }, port, server);
    expect(result.log).toMatchObject({
      outcome: "linked",
      primary_user_id: databaseAccount.user_id,
    });
  });

  it("links-an-account-that-enrolled-mfa-after-the-prompt-when-the-sign-in-performed-it", async () => {
    const { code } = await signedInAs(databaseAccount.user_id, { claims: { amr: ["mfa"] } });
    stored(databaseAccount.user_id).multifactor = ["guardian"];
    const result = await continueWith(login(), { code }, port, server);
    expect(result.log).toMatchObject({
      outcome: "linked",
      primary_user_id: databaseAccount.user_id,
    });
  });

  it("links-only-from-the-browser-that-was-prompted", async () => {
    const { code } = await signedInAs(databaseAccount.user_id);
    const result = await continueWith(login(), { code }, port, server, { ...personsBrowser });
    expect(result.log).toMatchObject({ outcome: "linked" });
  });

  it("links-when-only-the-candidate-is-a-member-of-an-organization", async () => {
    // The candidate becomes the primary: its user id, and its memberships, survive the link.
    port.memberOfAnOrganization(databaseAccount.user_id);
    const { code } = await signedInAs(databaseAccount.user_id);
    const result = await continueWith(login(), { code }, port, server);
    expect(result.log).toMatchObject({
      outcome: "linked",
      primary_user_id: databaseAccount.user_id,
    });
    // Asked before the prompt and again before the link: only of the account that logged in.
    expect(
      port.calls.filter((call) => call.op === "anyEntryOf" && call.holding === "organizations"),
    ).toEqual([
      { op: "anyEntryOf", holding: "organizations", userId: oktaAccount.user_id },
      { op: "anyEntryOf", holding: "organizations", userId: oktaAccount.user_id },
    ]);
  });

  it("links-when-only-the-candidate-has-roles-and-permissions", async () => {
    port.withRole(databaseAccount.user_id).withPermission(databaseAccount.user_id);
    const { code } = await signedInAs(databaseAccount.user_id);
    const result = await continueWith(login(), { code }, port, server);
    expect(result.log).toMatchObject({
      outcome: "linked",
      primary_user_id: databaseAccount.user_id,
    });
  });

  it("carries-the-secondary's-user-metadata-keys-the-primary-lacks-before-linking", async () => {
    stored(oktaAccount.user_id).user_metadata = { locale: "fr" };
    const event = promptedLogin({ ...oktaAccount, user_metadata: { locale: "fr" } }, "okta");
    const { query } = await promptFor(event, port);
    const code = server.signIn(query, { sub: databaseAccount.user_id });
    const result = await continueWith(event, { code }, port, server);
    expect(result.log).toMatchObject({ outcome: "linked" });
    // api.cache is not kept across the redirect: each half reads the database connections.
    expect(port.calls.map((call) => call.op)).toEqual([
      "usersByEmail",
      "listDatabaseConnections",
      "anyEntryOf",
      "anyEntryOf",
      "anyEntryOf",
      "getUser",
      "getUser",
      "hasSecondFactor",
      "hasSecondFactor",
      "listDatabaseConnections",
      "anyEntryOf",
      "anyEntryOf",
      "anyEntryOf",
      "updateMetadata",
      "linkIdentity",
      "updateMetadata",
    ]);
    expect(port.user(databaseAccount.user_id)?.user_metadata).toEqual({ locale: "fr" });
  });
});

describe("the continuation links nothing", () => {
  it("when-the-person-says-not-now", async () => {
    await promptFor(login(), port);
    const result = await continueWith(
      login(),
      { error: "access_denied", state: "outer" },
      port,
      server,
    );
    expectNothingLinked(result, "person_declined");
    expect(server.requests).toEqual([]);
  });

  it("when-the-sign-in-failed", async () => {
    const result = await continueWith(login(), { error: "login_required" }, port, server);
    expectNothingLinked(result, "sign_in_error");
    expect(result.log.detail).toBe("login_required");
  });

  it("when-no-code-came-back", async () => {
    const result = await continueWith(login(), { state: "outer" }, port, server);
    expectNothingLinked(result, "no_code");
  });

  it("when-the-code-is-refused", async () => {
    const result = await continueWith(login(), { code: "made-up" }, port, server);
    expectNothingLinked(result, "code_exchange_failed");
    expect(result.log.detail).toBe("invalid_grant");
  });

  it("when-the-token-endpoint-is-down", async () => {
    const { code } = await signedInAs(databaseAccount.user_id);
    server.tokenEndpointDown = true;
    const result = await continueWith(login(), { code }, port, server);
    expectNothingLinked(result, "code_exchange_failed");
  });

  it("when-the-person-signed-in-to-another-account-than-the-one-offered", async () => {
    const other = account("database", "someone-else", { email: "jane.other@example.com" });
    port.users.push(structuredClone(other));
    const { code } = await signedInAs(other.user_id);
    expectNothingLinked(await continueWith(login(), { code }, port, server), "subject_mismatch");
  });

  it("when-the-sign-in-is-a-session-older-than-the-redirect", async () => {
    const { code } = await signedInAs(databaseAccount.user_id, {
      authTime: Math.floor(Date.now() / 1000) - 600,
    });
    expectNothingLinked(
      await continueWith(login(), { code }, port, server),
      "stale_authentication",
    );
  });

  it("when-the-token-has-no-auth-time", async () => {
    const { code } = await signedInAs(databaseAccount.user_id, {
      claims: { auth_time: undefined },
    });
    expectNothingLinked(await continueWith(login(), { code }, port, server), "claim_missing");
  });

  it("when-the-nonce-is-not-the-one-sent", async () => {
    const { code } = await signedInAs(databaseAccount.user_id, { claims: { nonce: "guessed" } });
    expectNothingLinked(await continueWith(login(), { code }, port, server), "nonce_mismatch");
  });

  it("when-the-nonce-was-sealed-for-another-transaction", async () => {
    const elsewhere = promptedLogin(oktaAccount, "okta", {
      transaction: { id: "tx_other", protocol: "oidc-basic-profile" },
    });
    const { query: otherQuery } = await promptFor(elsewhere, port);
    const { code } = await signedInAs(databaseAccount.user_id, {
      claims: { nonce: otherQuery.nonce },
    });
    expectNothingLinked(await continueWith(login(), { code }, port, server), "nonce_mismatch");
  });

  it("when-the-nonce-was-sealed-for-another-user-in-the-same-transaction", async () => {
    const otherPerson = account("okta", "okta-john", { email: "john@example.com" });
    const sameTransaction = promptedLogin(otherPerson, "okta", {
      transaction: { id: transactionId, protocol: "oidc-basic-profile" },
    });
    port.users.push(
      structuredClone(otherPerson),
      account("database", "db-john", { email: "john@example.com" }),
    );
    const { query: otherQuery } = await promptFor(sameTransaction, port);
    const { code } = await signedInAs(databaseAccount.user_id, {
      claims: { nonce: otherQuery.nonce },
    });
    expectNothingLinked(await continueWith(login(), { code }, port, server), "nonce_mismatch");
  });

  it("when-the-code-is-replayed", async () => {
    const { code } = await signedInAs(databaseAccount.user_id);
    await continueWith(login(), { code }, port, server);
    port = new FakeManagementPort([structuredClone(databaseAccount), structuredClone(oktaAccount)]);
    expectNothingLinked(
      await continueWith(login(), { code }, port, server),
      "code_exchange_failed",
    );
  });

  it("when-the-token-is-signed-with-a-foreign-key", async () => {
    const foreign = await generateKeyPair("RS256");
    const { code } = await signedInAs(databaseAccount.user_id, {
      signingKey: { key: foreign.privateKey, kid: "tenant-key" },
    });
    expectNothingLinked(await continueWith(login(), { code }, port, server), "signature_invalid");
  });

  it("when-the-token-names-a-key-the-tenant-does-not-have", async () => {
    const foreign = await generateKeyPair("RS256");
    const { code } = await signedInAs(databaseAccount.user_id, {
      signingKey: { key: foreign.privateKey, kid: "attacker-key" },
    });
    expectNothingLinked(await continueWith(login(), { code }, port, server), "signature_invalid");
  });

  it("when-the-token-is-for-another-audience", async () => {
    const { code } = await signedInAs(databaseAccount.user_id, { claims: { aud: "another-app" } });
    expectNothingLinked(await continueWith(login(), { code }, port, server), "audience_mismatch");
  });

  it("when-the-token-comes-from-another-issuer", async () => {
    const { code } = await signedInAs(databaseAccount.user_id, {
      claims: { iss: "https://attacker.example/" },
    });
    expectNothingLinked(await continueWith(login(), { code }, port, server), "issuer_mismatch");
  });

  it("when-the-token-has-expired", async () => {
    const { code } = await signedInAs(databaseAccount.user_id, {
      claims: { exp: Math.floor(Date.now() / 1000) - 60 },
    });
    expectNothingLinked(await continueWith(login(), { code }, port, server), "token_expired");
  });

  it("when-the-token-is-signed-with-another-algorithm", async () => {
    const { privateKey } = await generateKeyPair("PS256");
    const { code } = await signedInAs(databaseAccount.user_id, {
      alg: "PS256",
      signingKey: { key: privateKey, kid: "tenant-key" },
    });
    expectNothingLinked(
      await continueWith(login(), { code }, port, server),
      "algorithm_not_allowed",
    );
  });

  it("when-the-keys-cannot-be-read-and-the-next-login-may-ask-again", async () => {
    const { code } = await signedInAs(databaseAccount.user_id);
    server.keySetUnreadable = true;
    const result = await continueWith(login(), { code }, port, server);
    expectNothingLinked(result, "signing_keys_unavailable");
    expect(result.log.detail).toBe("malformed_response");
  });

  it("when-the-time-budget-runs-out-and-the-next-login-may-ask-again", async () => {
    const event = promptedLogin(oktaAccount, "okta", {}, { TIME_BUDGET_MS: "500" });
    const { query } = await promptFor(event, port);
    const code = server.signIn(query, { sub: databaseAccount.user_id });
    server.tokenLatencyMs = 800;
    expectNothingLinked(await continueWith(event, { code }, port, server), "budget_exhausted");
  });

  it.each([
    ["another address", { ip: "198.51.100.9" }, "ip"],
    ["another user agent", { user_agent: "Mozilla/5.0 (Macintosh) Safari/605.1" }, "user_agent"],
    [
      "another browser altogether",
      { ip: "198.51.100.9", user_agent: "Mozilla/5.0 (Macintosh) Safari/605.1" },
      "ip_and_user_agent",
    ],
  ])("when-the-continuation-comes-from-%s-and-the-next-login-may-ask-again", async (_name, from, detail) => {
    const { code } = await signedInAs(databaseAccount.user_id);
    const result = await continueWith(login(), { code }, port, server, from);
    expectNothingLinked(result, "browser_changed");
    expect(result.log.detail).toBe(detail);
  });

  it("when-the-candidate-has-mfa-and-the-sign-in-did-not-perform-it", async () => {
    stored(databaseAccount.user_id).multifactor = ["guardian"];
    const { code } = await signedInAs(databaseAccount.user_id);
    const before = port.calls.length;
    const result = await continueWith(login(), { code }, port, server);
    expectNothingLinked(result, "mfa_not_proven");
    // Refused by the pipeline from what the nonce sealed, before any Management API request.
    expect(result.log).not.toHaveProperty("detail");
    expect(port.calls.slice(before)).toEqual([]);
  });

  it("when-the-candidate's-factor-was-removed-while-the-person-was-away", async () => {
    stored(databaseAccount.user_id).multifactor = ["guardian"];
    const { code } = await signedInAs(databaseAccount.user_id);
    stored(databaseAccount.user_id).multifactor = [];
    expectNothingLinked(await continueWith(login(), { code }, port, server), "mfa_not_proven");
  });

  it("when-the-candidate-enrolled-mfa-after-the-prompt-and-the-sign-in-did-not-perform-it", async () => {
    const { code } = await signedInAs(databaseAccount.user_id);
    stored(databaseAccount.user_id).multifactor = ["guardian"];
    const result = await continueWith(login(), { code }, port, server);
    expectNothingLinked(result, "mfa_not_proven");
    expect(result.log.detail).toBe("enrolled_since_prompt");
  });

  // Its multifactor is empty (a security key or email alone): only its authentication methods,
  // read beside it, show the factor the sign-in had to perform.
  it("when-the-candidate's-only-factor-is-one-multifactor-omits-and-the-sign-in-did-not-perform-it", async () => {
    port.withUnlistedFactor(databaseAccount.user_id);
    const { code } = await signedInAs(databaseAccount.user_id);
    const result = await continueWith(login(), { code }, port, server);
    expectNothingLinked(result, "mfa_not_proven");
    expect(port.calls).toContainEqual({ op: "hasSecondFactor", userId: databaseAccount.user_id });
  });

  it("when-the-candidate-became-unverified-meanwhile", async () => {
    const { code } = await signedInAs(databaseAccount.user_id);
    stored(databaseAccount.user_id).email_verified = false;
    expectNothingLinked(await continueWith(login(), { code }, port, server), "candidate_changed");
  });

  it("when-the-candidate-was-blocked-meanwhile", async () => {
    const { code } = await signedInAs(databaseAccount.user_id);
    stored(databaseAccount.user_id).blocked = true;
    expectNothingLinked(await continueWith(login(), { code }, port, server), "candidate_changed");
  });

  // A link acts on whoever holds the identity when it is sent, and moves that user whole: the
  // account that logged in is read again and must still be its own user with its one identity.
  it("when-the-account-that-logged-in-was-linked-elsewhere-meanwhile", async () => {
    const { code } = await signedInAs(databaseAccount.user_id);
    const elsewhere = account("google", "elsewhere", { email: "other@example.net" });
    port.users.push(elsewhere);
    elsewhere.identities.push(...stored(oktaAccount.user_id).identities);
    port.users.splice(port.users.indexOf(stored(oktaAccount.user_id)), 1);
    const result = await continueWith(login(), { code }, port, server);
    expect(result.log).toMatchObject({
      outcome: "declined",
      reason: "secondary_changed",
      detail: "user_gone",
      links: 0,
    });
    expect(port.calls.some((call) => call.op === "linkIdentity")).toBe(false);
    expect(port.user(databaseAccount.user_id)?.identities).toHaveLength(1);
    expect(port.user(elsewhere.user_id)?.identities).toHaveLength(2);
  });

  it("when-another-identity-was-linked-into-the-account-that-logged-in-meanwhile", async () => {
    const { code } = await signedInAs(databaseAccount.user_id);
    stored(oktaAccount.user_id).identities.push(
      ...account("google", "trojan", { email: "other@example.net" }).identities,
    );
    const result = await continueWith(login(), { code }, port, server);
    expect(result.log).toMatchObject({ reason: "secondary_changed", detail: "identities_changed" });
    expect(port.calls.some((call) => call.op === "linkIdentity")).toBe(false);
    expect(port.user(databaseAccount.user_id)?.identities).toHaveLength(1);
  });

  it("when-the-account-that-logged-in-cannot-be-read-again", async () => {
    const { code } = await signedInAs(databaseAccount.user_id);
    const getUser = port.getUser.bind(port);
    port.getUser = async (userId) =>
      userId === oktaAccount.user_id
        ? { ok: false, failure: { kind: "server_error", status: 503, message: "unavailable" } }
        : getUser(userId);
    expectNothingLinked(
      await continueWith(login(), { code }, port, server),
      "secondary_lookup_failed",
    );
  });

  // What the account that logged in holds may change while the person is away: each of these
  // gives it after the prompt, which read nothing, and the continuation reads again.
  it("when-the-account-that-logged-in-is-a-member-of-an-organization", async () => {
    const { code } = await signedInAs(databaseAccount.user_id);
    port.memberOfAnOrganization(oktaAccount.user_id);
    const result = await continueWith(login(), { code }, port, server);
    expectNothingLinked(result, "secondary_in_organization");
    expect(port.calls).toContainEqual({
      op: "anyEntryOf",
      holding: "organizations",
      userId: oktaAccount.user_id,
    });
  });

  it("when-the-memberships-of-the-account-that-logged-in-cannot-be-read", async () => {
    const { code } = await signedInAs(databaseAccount.user_id);
    port.failOnHolding("organizations", {
      kind: "client_error",
      status: 403,
      message: "Insufficient scope; expected any of: read:users, read:organizations.",
    });
    const result = await continueWith(login(), { code }, port, server);
    expectNothingLinked(result, "organization_lookup_failed");
    expect(result.log).toMatchObject({ detail: "client_error" });
  });

  it("when-the-account-that-logged-in-has-a-role-or-a-permission", async () => {
    const { code } = await signedInAs(databaseAccount.user_id);
    port.withRole(oktaAccount.user_id);
    expectNothingLinked(await continueWith(login(), { code }, port, server), "secondary_has_roles");
  });

  it("when-the-account-that-logged-in-has-a-permission-assigned-directly", async () => {
    const { code } = await signedInAs(databaseAccount.user_id);
    port.withPermission(oktaAccount.user_id);
    const result = await continueWith(login(), { code }, port, server);
    expectNothingLinked(result, "secondary_has_permissions");
    // The three reads went out together.
    expect(port.mostHoldingReadsInFlight).toBe(3);
  });

  it("when-the-roles-of-the-account-that-logged-in-cannot-be-read", async () => {
    const { code } = await signedInAs(databaseAccount.user_id);
    port.failOnHolding("roles", {
      kind: "client_error",
      status: 403,
      message: "Insufficient scope; expected any of: read:roles.",
    });
    const result = await continueWith(login(), { code }, port, server);
    expectNothingLinked(result, "authorization_lookup_failed");
    expect(result.log).toMatchObject({ detail: "client_error" });
  });

  it("when-the-factors-cannot-be-read", async () => {
    const { code } = await signedInAs(databaseAccount.user_id);
    port.failOn("hasSecondFactor", {
      kind: "client_error",
      status: 403,
      message: "Insufficient scope, expected any of: read:authentication_methods",
    });
    const result = await continueWith(login(), { code }, port, server);
    expectNothingLinked(result, "factor_lookup_failed");
    expect(result.log).toMatchObject({ detail: "client_error" });
    // Read beside the candidate and the account that logged in, not after them.
    const ops = port.calls.map((call) => call.op);
    const first = ops.indexOf("getUser");
    expect(ops.slice(first, first + 4)).toEqual([
      "getUser",
      "getUser",
      "hasSecondFactor",
      "hasSecondFactor",
    ]);
  });

  it("when-the-account-that-logged-in-has-a-factor-its-event-does-not-list", async () => {
    const { code } = await signedInAs(databaseAccount.user_id);
    port.withUnlistedFactor(oktaAccount.user_id);
    const event = login();
    delete event.user.enrolledFactors;
    const result = await continueWith(event, { code }, port, server);
    // It would become the secondary and lose its factor.
    expectNothingLinked(result, "candidate_changed");
    expect(result.log).toMatchObject({ detail: "ambiguous_mfa" });
    expect(port.calls).toContainEqual({ op: "hasSecondFactor", userId: oktaAccount.user_id });
  });

  it("when-the-link-fails-and-the-login-goes-on-as-the-account-that-logged-in", async () => {
    const { code } = await signedInAs(databaseAccount.user_id);
    port.failOn("linkIdentity", { kind: "client_error", status: 400, message: "Unable to link" });
    const result = await continueWith(login(), { code }, port, server);
    expectNothingLinked(result, "link_failed", { linkAttempted: true });
  });

  it("when-prompted-linking-was-switched-off-while-the-person-was-away", async () => {
    const { code } = await signedInAs(databaseAccount.user_id);
    const off = promptedLogin(oktaAccount, "okta", {}, { PROMPTED_LINKING: "off" });
    const result = await continueWith(off, { code }, port, server);
    expect(result.log).toMatchObject({ outcome: "skipped", reason: "prompt_off" });
    expect(result.primaryUser).toEqual([]);
    expect(server.requests).toEqual([]);
  });

  it("when-a-secret-is-malformed-and-never-throws", async () => {
    const broken = promptedLogin(oktaAccount, "okta", {}, { PROMPT_SNOOZE_DAYS: "soon" });
    const result = await continueWith(broken, { code: "x" }, port, server);
    expect(result.log).toMatchObject({
      outcome: "error",
      reason: "config_invalid",
      secret: "PROMPT_SNOOZE_DAYS",
    });
    expect(result.denied).toEqual([]);
  });

  it("and-logs-no-code-token-secret-or-address", async () => {
    const { code } = await signedInAs(databaseAccount.user_id, { claims: { nonce: "guessed" } });
    const result = await continueWith(login(), { code }, port, server);
    const line = JSON.stringify(result.log);
    expect(line).not.toContain(code);
    expect(line).not.toContain(promptSecrets.PROMPT_CLIENT_SECRET);
    expect(line).not.toContain("jane@example.com");
    expect(line).not.toContain("eyJ");
  });
});
