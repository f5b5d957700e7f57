import { type AdminClient, describeFailure } from "../../admin";
import type { Progress } from "../progress";
import { plannerFields } from "./export-fields";
import type { SourceResult } from "./export-source";
import { withoutIdpTokens } from "./without-idp-tokens";
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
 * is cut into slices that each hold fewer than 1,000 users, and each slice is paged 100 at a
 * time, oldest first, until a page comes back short. A slice that reaches 1,000 results is split
 * in two and read again, never paged past the cap. `total` is no measure of a slice: Auth0 caps
 * it at 1,000 (an Auth0 staff answer, community.auth0.com/t/18983), so it can only say early
 * that a slice is full. The search index lags behind writes: a user created or changed in the
 * last seconds may be missing, which `--apply` makes up for by reading each group again with
 * users-by-email.
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
    const read = await readSlice(client, slice);
    if (!read.ok) return read;
    if (read.users === "full") {
      if (slice.toMs <= slice.fromMs) {
        return {
          ok: false,
          reason: `${searchResultCap} or more users were created in the same millisecond: use --source export`,
        };
      }
      const middle = Math.floor((slice.fromMs + slice.toMs) / 2);
      slices.unshift(
        { fromMs: slice.fromMs, toMs: middle },
        { fromMs: middle + 1, toMs: slice.toMs },
      );
      continue;
    }
    for (const user of read.users) await writer.write(withoutIdpTokens(user));
    written += read.users.length;
    progress.update(written);
  }
  return { ok: true, path: await writer.close() };
}

/**
 * A slice's users, or `full` when it may hold more than one query can return: kept in memory
 * (at most 1,000) until the slice is known to be complete, so a slice that must be split leaves
 * nothing behind in the file.
 */
async function readSlice(
  client: AdminClient,
  slice: Slice,
): Promise<{ ok: true; users: unknown[] | "full" } | { ok: false; reason: string }> {
  const users: unknown[] = [];
  for (let pageNumber = 0; ; pageNumber++) {
    const next = await page(client, slice, pageNumber);
    if (!next.ok) return next;
    if (pageNumber === 0 && next.total !== undefined && next.total >= searchResultCap) {
      return { ok: true, users: "full" };
    }
    users.push(...next.users);
    if (next.users.length < perPage) return { ok: true, users };
    if (users.length >= searchResultCap) return { ok: true, users: "full" };
  }
}

async function page(
  client: AdminClient,
  slice: Slice,
  pageNumber: number,
): Promise<{ ok: true; total?: number; users: unknown[] } | { ok: false; reason: string }> {
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
  if (!Array.isArray(users)) return { ok: false, reason: "the user search answered without users" };
  return { ok: true, ...(typeof total === "number" ? { total } : {}), users };
}
