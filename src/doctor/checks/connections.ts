import { toDatabaseKinds } from "../../linking/database-kinds";
import { connectionTrust, type DatabaseKind } from "../../linking/trust";
import { type Caller, type DoctorContext, describeAnswer, listIn } from "../context";
import { type CheckRow, fail, pass, warn } from "../report";

interface ConnectionSummary {
  name: string;
  strategy: string;
  hasOptions: boolean;
}

const pageSize = 100;

const kindNames: Record<DatabaseKind | "unknown", string> = {
  built_in: "built-in",
  custom: "custom",
  options_withheld: "listed without its options (kind unknown)",
  unknown: "unknown",
};

/** Every connection, as `caller` sees them, page by checkpoint page. */
async function listConnections(
  context: DoctorContext,
  caller: Caller,
): Promise<
  { ok: true; connections: ConnectionSummary[]; raw: unknown[] } | { ok: false; detail: string }
> {
  const connections: ConnectionSummary[] = [];
  const raw: unknown[] = [];
  let from: string | undefined;
  for (;;) {
    const query = new URLSearchParams({ take: String(pageSize), ...(from ? { from } : {}) });
    const answer = await context.get(`/api/v2/connections?${query}`, caller);
    if (!answer.answered || answer.status !== 200)
      return { ok: false, detail: describeAnswer(answer) };
    const page = listIn(answer.body, "connections");
    if (!page) return { ok: false, detail: "the answer is not a list of connections" };
    for (const item of page) {
      const connection = item as Record<string, unknown>;
      raw.push(item);
      connections.push({
        name: String(connection.name),
        strategy: String(connection.strategy),
        hasOptions: typeof connection.options === "object" && connection.options !== null,
      });
    }
    // With `take`, Auth0 answers checkpoint pages: `next` is opaque and absent on the last one.
    const next = (answer.body as { next?: unknown }).next;
    from = typeof next === "string" ? next : undefined;
    if (!from) return { ok: true, connections, raw };
  }
}

/**
 * What the Action will conclude about each database connection (the core's own rule), whether
 * connection options are visible to it, and TRUSTED_CONNECTIONS names that match no connection.
 */
export async function checkConnections(context: DoctorContext): Promise<CheckRow[]> {
  const { trust } = context.settings.config;
  // With TRUSTED_CONNECTIONS set the Action reads no connection; the administrator's application
  // lists them only to match the names.
  const caller: Caller = trust.kind === "listed" ? "admin" : "action";
  if (!context.tokens[caller]) return [];
  const listed = await listConnections(context, caller);
  if (!listed.ok) {
    return [
      warn(
        `connections (${caller === "admin" ? "administrator" : "Action"})`,
        `could not list them: ${listed.detail}`,
        `grant read:connections to the ${caller === "admin" ? "administrator's" : "Action's"} application`,
      ),
    ];
  }
  const kinds = toDatabaseKinds(listed.raw);
  const databases = listed.connections.filter(({ strategy }) => strategy === "auth0");
  const rows: CheckRow[] = [];
  const optionsVisible = databases.some(({ hasOptions }) => hasOptions);
  if (databases.length > 0 && trust.kind === "default") {
    rows.push(
      optionsVisible
        ? pass("connection options (Action)", "visible: custom databases can be told apart")
        : warn(
            "connection options (Action)",
            "not visible: a database connection's kind cannot be read, so none is trusted by default",
            "grant read:connections_options (it also reveals connection secrets to the Action's application), or name the built-in database connections in TRUSTED_CONNECTIONS",
          ),
    );
  }
  for (const database of databases) {
    const verdict = connectionTrust(
      { name: database.name, strategy: database.strategy },
      trust,
      kinds.ok ? kinds.kinds : {},
    );
    const kind = kinds.ok ? (kinds.kinds[database.name] ?? "unknown") : "unknown";
    const check = `database ${database.name}`;
    const detail = `${kindNames[kind]} database, ${verdict === "trusted" ? "trusted" : "not trusted"} for linking`;
    if (verdict === "unknown_database" || verdict === "options_withheld_database") {
      rows.push(
        warn(
          check,
          detail,
          `its kind cannot be read: grant read:connections_options, or list ${database.name} in TRUSTED_CONNECTIONS if it keeps its users in Auth0`,
        ),
      );
    } else {
      rows.push(pass(check, detail));
    }
  }
  if (trust.kind === "listed") {
    const names = new Set(listed.connections.map(({ name }) => name));
    const unmatched = [...trust.connections].filter((name) => !names.has(name));
    rows.push(
      unmatched.length === 0
        ? pass("TRUSTED_CONNECTIONS", `each of ${trust.connections.size} names a connection`)
        : fail(
            "TRUSTED_CONNECTIONS",
            `names no connection: ${unmatched.join(", ")}`,
            "use the connections' names exactly as the Dashboard shows them (Authentication), comma-separated",
          ),
    );
  }
  return rows;
}
