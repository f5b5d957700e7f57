import { type AdminClient, describeFailure } from "../admin";
import {
  type DatabaseConnectionIds,
  toDatabaseConnectionIds,
} from "../linking/database-connection-ids";
import { toDatabaseKinds } from "../linking/database-kinds";
import type { DatabaseKinds } from "../linking/trust";

export type BackfillDatabaseKinds =
  | { ok: true; kinds: DatabaseKinds; ids: DatabaseConnectionIds }
  | { ok: false; reason: string };

/**
 * Which database connections are custom databases, read once (`read:connections`, and
 * `read:connections_options` for their options) as the Action does: the planner trusts a
 * database connection by default only once the tenant said it is the built-in kind. The same
 * answer gives each one's id, which every database secondary's link sends (`connection_id`): two
 * database connections can hold the same user id.
 */
export async function readDatabaseKinds(client: AdminClient): Promise<BackfillDatabaseKinds> {
  const answer = await client.request({
    method: "GET",
    path: "/api/v2/connections",
    query: {
      strategy: "auth0",
      fields: "id,name,strategy,options",
      include_fields: true,
      take: 100,
    },
  });
  if (answer.kind !== "ok") return { ok: false, reason: describeFailure(answer) };
  const parsed = toDatabaseKinds(answer.value);
  return parsed.ok
    ? { ...parsed, ids: toDatabaseConnectionIds(answer.value) }
    : { ok: false, reason: parsed.reason };
}

/** The database connections the tenant listed without their options, by name. */
export function connectionsWithOptionsWithheld(kinds: DatabaseKinds): string[] {
  return Object.entries(kinds)
    .filter(([, kind]) => kind === "options_withheld")
    .map(([name]) => name)
    .sort();
}
