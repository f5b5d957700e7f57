import { describe, expect, test } from "vitest";
import { loadDemoSeed } from "../../../src/local-tenant/local-tenant";
import { TenantState } from "../../../src/local-tenant/tenant-state";
import {
  aliceDatabaseId,
  aliceGoogleId,
  bobDatabaseId,
  callManagementApi,
  deployCli,
  managementToken,
  startDemoTenant,
} from "./harness";
import { manyDatabaseUsers, withUsers } from "./many-users";
import { usersClient } from "./sdk-client";

async function startTenant(extraUsers = 0) {
  const seed = withUsers(await loadDemoSeed({ withUsers: true }), manyDatabaseUsers(extraUsers));
  const server = await startDemoTenant({ state: TenantState.fromSeed(seed) });
  const token = await managementToken(server);
  const list = async (parameters: Record<string, string>) => {
    const response = await callManagementApi(
      server,
      token,
      `/api/v2/users?${new URLSearchParams(parameters)}`,
    );
    return { status: response.status, body: (await response.json()) as unknown };
  };
  return { server, token, list };
}

function ids(body: unknown): string[] {
  const users = Array.isArray(body) ? body : (body as { users: unknown[] }).users;
  return (users as { user_id: string }[]).map((user) => user.user_id);
}

describe("GET /api/v2/users: q", () => {
  test("email matches the whole address, whatever its case", async () => {
    const { list } = await startTenant();
    const { status, body } = await list({ q: 'email:"ALICE@example.COM"' });
    expect(status).toBe(200);
    expect(ids(body).sort()).toEqual([aliceDatabaseId, aliceGoogleId].sort());
    expect(ids((await list({ q: 'email:"lice@example.com"' })).body)).toEqual([]);
  });

  test("other fields are case-sensitive, as Auth0 documents", async () => {
    const { list } = await startTenant();
    const { body } = await list({ q: 'identities.connection:"google-oauth2"' });
    expect(ids(body)).toEqual([aliceGoogleId]);
    expect(ids((await list({ q: 'identities.connection:"Google-OAuth2"' })).body)).toEqual([]);
  });

  test("created_at ranges: [A TO B] includes its ends, {A TO B} excludes them, * leaves an end open", async () => {
    const { list } = await startTenant(10);
    // manyDatabaseUsers: user-N was created on 2024-01-01 plus N days.
    const between = async (q: string) =>
      ids((await list({ q: `${q} AND email:user-*`, per_page: "100" })).body);
    expect(await between("created_at:[2024-01-03 TO 2024-01-05]")).toEqual([
      "auth0|user000002",
      "auth0|user000003",
      "auth0|user000004",
    ]);
    expect(await between("created_at:{2024-01-03 TO 2024-01-05}")).toEqual(["auth0|user000003"]);
    expect(await between("created_at:[2024-01-03T00:00:00.000Z TO 2024-01-05}")).toEqual([
      "auth0|user000002",
      "auth0|user000003",
    ]);
    expect(await between("created_at:[2024-01-09 TO *]")).toEqual([
      "auth0|user000008",
      "auth0|user000009",
    ]);
  });

  test("AND, OR, NOT, parentheses, wildcards and * for everyone", async () => {
    const { list } = await startTenant();
    const query = async (q: string) => ids((await list({ q })).body).sort();
    expect(await query('email:"alice@example.com" AND email_verified:true')).toEqual(
      [aliceDatabaseId, aliceGoogleId].sort(),
    );
    expect(await query('email:"alice@example.com" AND NOT identities.provider:"auth0"')).toEqual([
      aliceGoogleId,
    ]);
    expect(await query("(user_id:auth0* OR user_id:google*) AND email:ali*")).toEqual(
      [aliceDatabaseId, aliceGoogleId].sort(),
    );
    expect((await query("*")).length).toBe(4);
    expect((await query("*:*")).length).toBe(4);
  });

  // Auth0's "Searchable Fields": a term needs no field name, and metadata fields take neither
  // wildcards nor ranges.
  test("a bare term searches the profile's names and addresses", async () => {
    const { list } = await startTenant();
    expect(ids((await list({ q: "alice@example.com" })).body).sort()).toEqual(
      [aliceDatabaseId, aliceGoogleId].sort(),
    );
    expect(ids((await list({ q: `"${bobDatabaseId}"` })).body)).toEqual([bobDatabaseId]);
  });

  test.each([
    "app_metadata.plan:pr*",
    "user_metadata.theme:[a TO z]",
  ])("refuses a wildcard or range on metadata: %s", async (q) => {
    const { list } = await startTenant();
    const { status, body } = await list({ q });
    expect(status).toBe(400);
    expect(body).toMatchObject({ statusCode: 400, errorCode: "invalid_query_string" });
    expect((await list({ q: 'app_metadata.plan:"pro"' })).status).toBe(200);
  });

  test("answers 400 for a query it cannot parse", async () => {
    const { list } = await startTenant();
    const { status, body } = await list({ q: 'email:"unclosed' });
    expect(status).toBe(400);
    expect(body).toMatchObject({ statusCode: 400, errorCode: "invalid_query_string" });
  });

  test("refuses search_engine v1 and v2 as Auth0 does", async () => {
    const { list } = await startTenant();
    expect((await list({ search_engine: "v2", q: "*" })).body).toMatchObject({
      statusCode: 400,
      message: "You are not allowed to use search_engine=v2. Use search_engine=v3 instead.",
    });
    expect((await list({ search_engine: "v3", q: "*" })).status).toBe(200);
  });
});

describe("GET /api/v2/users: paging, totals, sort, fields", () => {
  test("include_totals answers { start, limit, length, total, users }", async () => {
    const { list } = await startTenant(30);
    const { body } = await list({ include_totals: "true", per_page: "10", page: "3" });
    expect(body).toMatchObject({ start: 30, limit: 10, length: 4, total: 34 });
    expect(ids(body)).toHaveLength(4);
  });

  test("pages through every user exactly once, 50 per page by default", async () => {
    const { list } = await startTenant(96);
    const first = ids((await list({})).body);
    const second = ids((await list({ page: "1" })).body);
    expect(first).toHaveLength(50);
    expect(new Set([...first, ...second]).size).toBe(100);
  });

  test("per_page is at most 100", async () => {
    const { list } = await startTenant();
    const { status, body } = await list({ per_page: "101" });
    expect(status).toBe(400);
    expect(body).toMatchObject({ errorCode: "invalid_query_string" });
    expect((body as { message: string }).message).toContain("per_page");
  });

  test("past the first 1,000 results of a query: 400 invalid_paging", async () => {
    const { list } = await startTenant(1_100);
    expect(ids((await list({ per_page: "100", page: "9" })).body)).toHaveLength(100);
    const { status, body } = await list({ per_page: "100", page: "10" });
    expect(status).toBe(400);
    expect(body).toEqual({
      statusCode: 400,
      error: "Bad Request",
      message:
        "You can only page through the first 1000 records. See https://auth0.com/docs/users/search/v3/view-search-results-by-page#limitation.",
      errorCode: "invalid_paging",
    });
  });

  test("a slice under the cap pages to its end; total counts every match", async () => {
    const { list } = await startTenant(1_100);
    const { body } = await list({ q: "created_at:[2025-01-01 TO *]", include_totals: "true" });
    // user-366 onwards (2025-01-01 is day 366 of 2024-01-01).
    expect(body).toMatchObject({ total: 1_100 - 366 });
  });

  // An Auth0 staff answer: "total number of results in the query (max 1,000)"
  // (community.auth0.com/t/18983).
  test("total stops at 1,000 however many users match", async () => {
    const { list } = await startTenant(1_100);
    const { body } = await list({ include_totals: "true", per_page: "100", page: "9" });
    expect(body).toMatchObject({ start: 900, length: 100, total: 1_000 });
  });

  test("sort orders by a field either way", async () => {
    const { list } = await startTenant(5);
    const sorted = async (sort: string) =>
      ids((await list({ q: "email:user-*", sort, fields: "user_id" })).body);
    const ascending = await sorted("created_at:1");
    expect(ascending).toEqual([
      "auth0|user000000",
      "auth0|user000001",
      "auth0|user000002",
      "auth0|user000003",
      "auth0|user000004",
    ]);
    expect(await sorted("created_at:-1")).toEqual([...ascending].reverse());
    expect((await list({ sort: "created_at" })).status).toBe(400);
  });

  test("fields and include_fields select what each user carries", async () => {
    const { list } = await startTenant();
    const included = (await list({ fields: "user_id,email", q: `user_id:"${bobDatabaseId}"` }))
      .body as Record<string, unknown>[];
    expect(included).toEqual([{ user_id: bobDatabaseId, email: expect.any(String) }]);
    const excluded = (
      await list({ fields: "identities", include_fields: "false", q: `user_id:"${bobDatabaseId}"` })
    ).body as Record<string, unknown>[];
    expect(excluded[0]).not.toHaveProperty("identities");
    expect(excluded[0]).toHaveProperty("email");
  });

  test("works through the auth0 SDK's users.list", async () => {
    const { server, token } = await startTenant(3);
    const page = await usersClient(server, token).list({
      q: 'email:"alice@example.com"',
      include_totals: true,
    });
    expect(page.data.map((user) => user.user_id).sort()).toEqual(
      [aliceDatabaseId, aliceGoogleId].sort(),
    );
  });

  test("needs read:users", async () => {
    const { server } = await startTenant();
    const token = await managementToken(server, deployCli);
    expect((await callManagementApi(server, token, "/api/v2/users")).status).toBe(403);
  });
});
