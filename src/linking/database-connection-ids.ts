import { isPlainRecord } from "./account";

/** The tenant's database connections' ids (`con_` + 16 characters), by connection name. */
export type DatabaseConnectionIds = Readonly<Record<string, string>>;

const connectionIdPattern = /^con_[A-Za-z0-9]{16}$/;

/**
 * Reads the ids out of `GET /api/v2/connections?strategy=auth0` (a bare array, or
 * `{ connections }`). A connection without a name or a well-formed id is left out: its link
 * cannot name it, so it is not sent.
 */
export function toDatabaseConnectionIds(body: unknown): DatabaseConnectionIds {
  const connections = isPlainRecord(body) ? body.connections : body;
  const ids: Record<string, string> = {};
  if (!Array.isArray(connections)) return ids;
  for (const connection of connections) {
    if (!isPlainRecord(connection) || connection.strategy !== "auth0") continue;
    const { name, id } = connection;
    if (typeof name !== "string" || typeof id !== "string" || !connectionIdPattern.test(id)) {
      continue;
    }
    Object.defineProperty(ids, name, { value: id, enumerable: true });
  }
  return ids;
}

/** Whether a database connection of these link steps has no known id. */
export function lacksConnectionIds(
  steps: readonly { provider: string; connection: string }[],
  known: DatabaseConnectionIds,
): boolean {
  return steps.some((step) => step.provider === "auth0" && !Object.hasOwn(known, step.connection));
}
