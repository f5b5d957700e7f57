import { ManagementClient } from "auth0";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CaseContext } from "./support/case";
import { startConformanceTenant } from "./support/conformance-tenant";

// GET /api/v2/connections is not in the specification this repository keeps; these cases follow
// Auth0's get_connections (https://auth0.com/docs/api/management/v2/connections/get-connections):
// checkpoint pagination with take/from answers { connections, next }, offset pagination with
// include_totals answers { start, limit, total, connections }, and otherwise a bare array.
let context: CaseContext;
let everyId: string[];

beforeAll(async () => {
  context = await startConformanceTenant();
  everyId = context.server.state.connections.map(({ id }) => id);
});

afterAll(async () => {
  await context?.server.close();
});

async function list(
  query: Record<string, string>,
  caller: "admin" | "connections-reader" = "admin",
) {
  const response = await fetch(
    `${context.server.origin}/api/v2/connections?${new URLSearchParams(query)}`,
    { headers: { authorization: `Bearer ${context.tokens[caller]}` } },
  );
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

describe("checkpoint pagination", () => {
  it("walks-every-connection-once-in-pages-of-take-and-leaves-next-out-on-the-last", async () => {
    const seen: string[] = [];
    const pages: unknown[][] = [];
    let from: string | undefined;
    do {
      const { status, body } = await list({ take: "3", ...(from ? { from } : {}) });
      expect(status).toBe(200);
      const connections = body.connections as { id: string }[];
      pages.push(connections);
      seen.push(...connections.map(({ id }) => id));
      from = body.next as string | undefined;
    } while (from !== undefined);
    expect(everyId.length).toBeGreaterThan(3);
    expect(seen).toEqual(everyId);
    expect(pages.map((page) => page.length)).toEqual(
      Array.from({ length: Math.ceil(everyId.length / 3) }, (_, index) =>
        Math.min(3, everyId.length - index * 3),
      ),
    );
  });

  it("answers-a-from-no-page-returned-with-400", async () => {
    const { status, body } = await list({ take: "2", from: "not-a-checkpoint" });
    expect(status).toBe(400);
    expect(body.errorCode).toBe("invalid_query_string");
  });

  it("keeps-options-to-a-token-with-read:connections_options", async () => {
    const admin = await list({ take: "50" });
    const reader = await list({ take: "50" }, "connections-reader");
    expect((admin.body.connections as object[]).every((c) => "options" in c)).toBe(true);
    expect((reader.body.connections as object[]).some((c) => "options" in c)).toBe(false);
  });

  it("gives-the-auth0-sdk's-connections.list-every-connection", async () => {
    const sdk = new ManagementClient({
      domain: context.server.domain,
      token: context.tokens.admin,
    });
    let page = await sdk.connections.list({ take: 2 });
    const ids = page.data.map(({ id }) => id);
    while (page.hasNextPage()) {
      page = await page.getNextPage();
      ids.push(...page.data.map(({ id }) => id));
    }
    expect(ids).toEqual(everyId);
  });
});

describe("offset pagination", () => {
  it("answers-a-bare-array-of-the-page-without-include_totals", async () => {
    const { status, body } = await list({ page: "1", per_page: "2" });
    expect(status).toBe(200);
    expect((body as unknown as { id: string }[]).map(({ id }) => id)).toEqual(everyId.slice(2, 4));
  });

  it("answers-start-limit-total-and-the-page-with-include_totals", async () => {
    const { status, body } = await list({ page: "1", per_page: "2", include_totals: "true" });
    expect(status).toBe(200);
    expect(body).toMatchObject({ start: 2, limit: 2, total: everyId.length });
    expect((body.connections as { id: string }[]).map(({ id }) => id)).toEqual(everyId.slice(2, 4));
  });

  it("answers-a-per_page-over-100-with-400", async () => {
    const { status, body } = await list({ per_page: "101" });
    expect(status).toBe(400);
    expect(body.errorCode).toBe("invalid_query_string");
  });
});
