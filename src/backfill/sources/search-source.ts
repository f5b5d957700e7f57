import { type AdminClient, describeFailure } from "../../admin";
import type { Progress } from "../progress";
import { plannerFields } from "./export-fields";
import type { SourceResult } from "./export-source";
import { NdjsonGzipWriter } from "./write-ndjson-gzip";

/** `/api/v2/users` answers at most this many results per query, then 400 invalid_paging. */
export const searchResultCap = 1_000;
const perPage = 100;
// Before Auth0 existed: every user was created after it.
const earliestCreatedAt = Date.parse("2000-01-01T00:00:00.000Z");

interface Slice {
  fromMs: number;
  /** Inclusive, like `from`: ranges are written `[from TO to]` with millisecond bounds. */
  toMs: number;
}

interface UsersPage {
  total?: unknown;
  users?: unknown;
}

function rangeQuery({ fromMs, toMs }: Slice): string {
  return `created_at:[${new Date(fromMs).toISOString()} TO ${new Date(toMs).toISOString()}]`;
}

/**
 * Every user through `/api/v2/users`, for tenants without export jobs: the creation-time range
 * is cut into slices that each hold at most 1,000 users (a slice whose total is over the cap is
 * split in two, never paged past it), and each slice is paged 100 at a time, oldest first.
 * The search index lags behind writes: a user created or changed in the last seconds may be
 * missing, which `--apply` makes up for by reading each group again with users-by-email.
 */
export async function searchUsers(
  client: AdminClient,
  path: string,
  progress: Progress,
  now: number = Date.now(),
): Promise<SourceResult> {
  const writer = new NdjsonGzipWriter(path);
  const slices: Slice[] = [{ fromMs: earliestCreatedAt, toMs: now }];
  let written = 0;
  progress.phase("search", 0, "users");
  while (slices.length > 0) {
    const slice = slices.shift() as Slice;
    const first = await page(client, slice, 0);
    if (!first.ok) return first;
    if (first.total > searchResultCap) {
      if (slice.toMs <= slice.fromMs) {
        return {
          ok: false,
          reason: `more than ${searchResultCap} users were created in the same millisecond: use --source export`,
        };
      }
      const middle = Math.floor((slice.fromMs + slice.toMs) / 2);
      slices.unshift(
        { fromMs: slice.fromMs, toMs: middle },
        { fromMs: middle + 1, toMs: slice.toMs },
      );
      continue;
    }
    let users = first.users;
    for (let pageNumber = 1; ; pageNumber++) {
      for (const user of users) await writer.write(user);
      written += users.length;
      progress.update(written);
      if (pageNumber * perPage >= first.total || users.length < perPage) break;
      const next = await page(client, slice, pageNumber);
      if (!next.ok) return next;
      users = next.users;
    }
  }
  return { ok: true, path: await writer.close() };
}

async function page(
  client: AdminClient,
  slice: Slice,
  pageNumber: number,
): Promise<{ ok: true; total: number; users: unknown[] } | { ok: false; reason: string }> {
  const answer = await client.request({
    method: "GET",
    path: "/api/v2/users",
    query: {
      q: rangeQuery(slice),
      search_engine: "v3",
      sort: "created_at:1",
      page: pageNumber,
      per_page: perPage,
      include_totals: true,
      fields: plannerFields.join(","),
      include_fields: true,
    },
  });
  if (answer.kind !== "ok")
    return { ok: false, reason: `user search failed: ${describeFailure(answer)}` };
  const { total, users } = answer.value as UsersPage;
  if (typeof total !== "number" || !Array.isArray(users)) {
    return { ok: false, reason: "the user search answered without total and users" };
  }
  return { ok: true, total, users };
}
