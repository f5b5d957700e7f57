import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect, it } from "vitest";
import type { AdminClient, AdminRequest } from "../../src/admin";
import { forEachLine } from "../../src/backfill/ndjson-lines";
import type { Progress } from "../../src/backfill/progress";
import { searchUsers } from "../../src/backfill/sources/search-source";

const quiet: Progress = { phase() {}, update() {}, note() {}, stop() {} };

// 2,500 users a second apart: the first slice (2000 to now) holds them all.
const users = Array.from({ length: 2_500 }, (_, index) => ({
  user_id: `auth0|user${index}`,
  created_at: new Date(Date.parse("2024-06-01T00:00:00.000Z") + index * 1_000).toISOString(),
}));

type TotalAnswer = (matching: number) => number | undefined;

/**
 * `/api/v2/users` over `users` with Auth0's paging cap (400 past the first 1,000 results) and
 * whatever `total` the case answers; only `created_at:[A TO B]` queries, as the source sends.
 */
function searchOnly(total: TotalAnswer): { client: AdminClient; pagesPastCap: () => number } {
  let pagesPastCap = 0;
  const request = async ({ path, query }: AdminRequest) => {
    expect(path).toBe("/api/v2/users");
    const range = /^created_at:\[(\S+) TO (\S+)\]$/.exec(String(query?.q));
    if (!range) throw new Error(`unexpected q ${String(query?.q)}`);
    const [from, to] = [Date.parse(range[1] as string), Date.parse(range[2] as string)];
    const matching = users.filter((user) => {
      const created = Date.parse(user.created_at);
      return created >= from && created <= to;
    });
    const page = Number(query?.page);
    const perPage = Number(query?.per_page);
    if ((page + 1) * perPage > 1_000) {
      pagesPastCap++;
      return {
        kind: "refused",
        status: 400,
        message: "You can only page through the first 1000 records.",
        errorCode: "invalid_paging",
        lostAnswers: 0,
      } as const;
    }
    const answered = total(matching.length);
    return {
      kind: "ok",
      status: 200,
      value: {
        ...(answered === undefined ? {} : { total: answered }),
        users: matching.slice(page * perPage, (page + 1) * perPage),
      },
      lostAnswers: 0,
    } as const;
  };
  return {
    client: { request } as unknown as AdminClient,
    pagesPastCap: () => pagesPastCap,
  };
}

it.each<[string, TotalAnswer]>([
  ["capped-at-1000-as-auth0-answers", (matching) => Math.min(matching, 1_000)],
  ["absent", () => undefined],
  ["understated", (matching) => Math.min(matching, 150)],
])("reads-every-user-once-when-total-is-%s", async (_name, total) => {
  const { client, pagesPastCap } = searchOnly(total);
  const path = join(await mkdtemp(join(tmpdir(), "search-total-")), "users.ndjson.gz");

  const result = await searchUsers(client, path, quiet, Date.parse("2025-01-01T00:00:00.000Z"));

  expect(result).toEqual({ ok: true, path });
  const read: string[] = [];
  await forEachLine(path, (line) => read.push(JSON.parse(line.toString("utf8")).user_id));
  expect(read).toHaveLength(users.length);
  expect(new Set(read)).toEqual(new Set(users.map((user) => user.user_id)));
  expect(pagesPastCap()).toBe(0);
});
