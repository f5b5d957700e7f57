import { isPlainRecord } from "./account";
import type { DatabaseKind, DatabaseKinds } from "./trust";

export type DatabaseKindsResult =
  | { ok: true; kinds: DatabaseKinds }
  | { ok: false; reason: string };

// A custom database runs the tenant's own scripts (`enabledDatabaseCustomization`); lazy
// migration (`import_mode`) runs them too until every user has moved. Auth0 returns `options`
// only to a token that also has `read:connections_options` (the specification's
// ConnectionOptions), so an answer without them says nothing about customization. Whether it
// then leaves the field out or sends it empty is not documented; a database connection's real
// options always hold its settings (password policy, brute-force protection, ...), so an empty
// object is read as withheld too.
function kindOf(options: unknown): DatabaseKind {
  if (!isPlainRecord(options) || Object.keys(options).length === 0) return "options_withheld";
  return options.enabledDatabaseCustomization === true || options.import_mode === true
    ? "custom"
    : "built_in";
}

/**
 * Reads `GET /api/v2/connections?strategy=auth0` (a bare array, or `{ connections }` when the
 * tenant pages by checkpoint). A connection without a name is skipped, so it stays unknown, and
 * unknown is untrusted.
 */
export function toDatabaseKinds(body: unknown): DatabaseKindsResult {
  const connections = isPlainRecord(body) ? body.connections : body;
  if (!Array.isArray(connections)) {
    return { ok: false, reason: "the connections answer is not a list" };
  }
  const kinds: Record<string, DatabaseKind> = {};
  for (const connection of connections) {
    if (!isPlainRecord(connection) || typeof connection.name !== "string") continue;
    if (connection.strategy !== "auth0") continue;
    Object.defineProperty(kinds, connection.name, {
      value: kindOf(connection.options),
      enumerable: true,
    });
  }
  return { ok: true, kinds };
}
