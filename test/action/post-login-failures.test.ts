import { describe, expect, it } from "vitest";
import { MARKER_KEY } from "../../src/linking/marker";
import { FakeManagementPort } from "./support/fake-management-port";
import { account, loginEvent } from "./support/post-login-fixtures";
import { runLogin } from "./support/run-login";

const olderDatabase = account("database", "older", {
  created_at: "2020-01-01T00:00:00.000Z",
  user_metadata: { theme: "dark" },
});
const newGoogle = account("google", "new", {
  created_at: "2025-01-01T00:00:00.000Z",
  user_metadata: { newsletter: true },
});

function tenant() {
  return new FakeManagementPort([structuredClone(olderDatabase), structuredClone(newGoogle)]);
}

const serverError = { kind: "server_error" as const, status: 503, message: "Service Unavailable" };

describe("failures never lock a person out unless configured", () => {
  it("continues-the-login-unchanged-when-the-lookup-fails", async () => {
    const port = tenant().failOn("usersByEmail", serverError);
    const run = await runLogin(loginEvent(newGoogle, "google"), port);
    expect(run.log).toMatchObject({
      outcome: "error",
      reason: "lookup_failed",
      failure: { kind: "server_error", status: 503 },
    });
    expect(run.denied).toEqual([]);
    expect(run.primaryUser).toEqual([]);
    expect(run.appMetadata).toEqual({});
  });

  it("names-a-token-endpoint-failure-as-token-failed", async () => {
    const port = tenant().failOn("usersByEmail", {
      kind: "client_error",
      status: 401,
      message: "Unauthorized",
      duringTokenRequest: true,
    });
    const run = await runLogin(loginEvent(newGoogle, "google"), port);
    expect(run.log).toMatchObject({ outcome: "error", reason: "token_failed" });
    expect(run.denied).toEqual([]);
  });

  it("names-a-spent-time-budget-as-budget-exhausted", async () => {
    const port = tenant().failOn("usersByEmail", {
      kind: "budget_exhausted",
      message: "time budget exhausted",
    });
    const run = await runLogin(loginEvent(newGoogle, "google"), port);
    expect(run.log).toMatchObject({ outcome: "error", reason: "budget_exhausted" });
  });

  it("denies-when-the-lookup-fails-and-on-error-is-deny", async () => {
    const port = tenant().failOn("usersByEmail", serverError);
    const run = await runLogin(loginEvent(newGoogle, "google", {}, { ON_ERROR: "deny" }), port);
    expect(run.denied).toHaveLength(1);
    expect(run.denied[0]).not.toContain("@");
  });

  it("does-not-link-when-carrying-metadata-fails-so-nothing-is-lost", async () => {
    const port = tenant().failOn("updateMetadata", serverError);
    const run = await runLogin(loginEvent(newGoogle, "google"), port);
    expect(run.log).toMatchObject({ outcome: "error", reason: "metadata_carry_failed", links: 0 });
    expect(port.calls.some((c) => c.op === "linkIdentity")).toBe(false);
    expect(port.user(newGoogle.user_id)?.user_metadata).toEqual({ newsletter: true });
  });

  it("leaves-no-marker-when-a-link-fails-so-the-next-login-tries-again", async () => {
    const port = tenant().failOn("linkIdentity", {
      kind: "client_error",
      status: 400,
      message: "Unable to link with the secondary account.",
    });
    const run = await runLogin(loginEvent(newGoogle, "google"), port);
    expect(run.log).toMatchObject({ outcome: "error", reason: "link_failed", links: 0 });
    expect(run.primaryUser).toEqual([]);
    expect(run.appMetadata[MARKER_KEY]).toBeUndefined();
    expect(port.user(olderDatabase.user_id)?.app_metadata?.[MARKER_KEY]).toBeUndefined();
  });

  it("counts-a-link-a-concurrent-login-already-made-as-done", async () => {
    const port = tenant().linkedConcurrently(newGoogle.user_id);
    const run = await runLogin(loginEvent(newGoogle, "google"), port);
    expect(run.log).toMatchObject({ outcome: "linked", links: 1 });
    expect(run.primaryUser).toEqual([olderDatabase.user_id]);
  });

  it("checks-the-primary-when-a-link-answer-is-lost-and-moves-the-session-if-it-landed", async () => {
    const port = tenant().loseLinkAnswers();
    const run = await runLogin(loginEvent(newGoogle, "google"), port);
    expect(run.log).toMatchObject({ outcome: "linked", links: 1 });
    expect(run.primaryUser).toEqual([olderDatabase.user_id]);
    expect(port.calls.map((c) => c.op)).toContain("getIdentities");
  });

  it("does-not-check-the-primary-after-a-refused-link", async () => {
    const port = tenant().failOn("linkIdentity", {
      kind: "client_error",
      status: 400,
      message: "Unable to link with the secondary account.",
    });
    await runLogin(loginEvent(newGoogle, "google"), port);
    expect(port.calls.map((c) => c.op)).not.toContain("getIdentities");
  });

  const secondaryNotFound = {
    kind: "client_error" as const,
    status: 400,
    message: "Provided secondary account not found.",
  };

  it("counts-secondary-not-found-as-done-only-when-the-primary-holds-the-identity", async () => {
    const port = tenant().failOn("linkIdentity", secondaryNotFound);
    // A concurrent login linked it first: the identity is the primary's now.
    port.user(olderDatabase.user_id)?.identities.push(...newGoogle.identities);
    const run = await runLogin(loginEvent(newGoogle, "google"), port);
    expect(run.log).toMatchObject({ outcome: "linked", links: 1 });
    expect(run.primaryUser).toEqual([olderDatabase.user_id]);
    expect(port.calls.map((c) => c.op)).toContain("getIdentities");
  });

  it("fails-on-secondary-not-found-when-the-primary-does-not-hold-the-identity", async () => {
    const port = tenant().failOn("linkIdentity", secondaryNotFound);
    const run = await runLogin(loginEvent(newGoogle, "google"), port);
    expect(run.log).toMatchObject({ outcome: "error", reason: "link_failed", links: 0 });
    expect(run.primaryUser).toEqual([]);
    expect(run.appMetadata[MARKER_KEY]).toBeUndefined();
  });

  it("never-counts-a-link-refused-as-malformed-as-done", async () => {
    const port = tenant().failOn("linkIdentity", {
      kind: "client_error",
      status: 400,
      message:
        "Payload validation error: 'String does not match pattern ^con_[A-Za-z0-9]{16}$: x' on property connection_id.",
    });
    port.user(olderDatabase.user_id)?.identities.push(...newGoogle.identities);
    const run = await runLogin(loginEvent(newGoogle, "google"), port);
    expect(run.log).toMatchObject({ outcome: "error", reason: "link_failed", links: 0 });
    expect(port.calls.map((c) => c.op)).not.toContain("getIdentities");
    expect(run.appMetadata[MARKER_KEY]).toBeUndefined();
  });

  it("moves-the-session-to-the-primary-even-when-a-later-link-fails", async () => {
    const middle = account("database", "middle", { created_at: "2022-01-01T00:00:00.000Z" });
    const port = new FakeManagementPort([
      structuredClone(olderDatabase),
      structuredClone(middle),
      structuredClone(newGoogle),
    ]);
    let linkCalls = 0;
    const link = port.linkIdentity.bind(port);
    port.linkIdentity = async (primary, identity) => {
      linkCalls++;
      if (linkCalls === 2) {
        return { ok: false, failure: serverError };
      }
      return link(primary, identity);
    };
    // Links go in rank order: the current (middle) account first, then the newest one, which fails.
    const run = await runLogin(loginEvent(middle, "database"), port);
    expect(run.log).toMatchObject({ outcome: "error", reason: "link_failed", links: 1 });
    expect(run.primaryUser).toEqual([olderDatabase.user_id]);
  });

  it("reports-an-unexpected-throw-instead-of-failing-the-login", async () => {
    const port = tenant();
    port.usersByEmail = async () => {
      throw new TypeError("boom");
    };
    const run = await runLogin(loginEvent(newGoogle, "google"), port);
    expect(run.log).toMatchObject({ outcome: "error", reason: "unexpected", detail: "TypeError" });
    expect(run.denied).toEqual([]);
  });
});
