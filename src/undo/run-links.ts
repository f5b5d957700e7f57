import {
  createAdminClient,
  describeFailure,
  formatSettingProblems,
  readAdminSettings,
} from "../admin";
import { isPlainRecord } from "../linking/account";
import { type LinkRecord, readLinkRecords } from "../linking/link-records";
import { linksHelp, linksUsage, parseLinksArguments } from "./arguments";
import { resolveAccount } from "./resolve-account";
import type { CommandIo } from "./run-unlink";

const columns = ["linked at", "path", "rules", "secondary", "carried keys", "copy", "unlinked at"];

function carriedKeys(record: LinkRecord): string {
  const keys = [
    ...Object.keys(record.carried.user_metadata).map((key) => `user_metadata.${key}`),
    ...Object.keys(record.carried.app_metadata).map((key) => `app_metadata.${key}`),
  ];
  return keys.length > 0 ? keys.join(" ") : "-";
}

function copyCell(record: LinkRecord): string {
  const copy = record.copy;
  if (copy.in === "app_metadata") {
    const keys = [...Object.keys(copy.user_metadata), ...Object.keys(copy.app_metadata)];
    return `app_metadata (${keys.length} keys)`;
  }
  return copy.in === "journal" ? `journal ${copy.ref}` : copy.in;
}

function table(rows: string[][]): string[] {
  const widths = columns.map((_, index) =>
    Math.max(...[columns, ...rows].map((row) => (row[index] ?? "").length)),
  );
  const line = (row: string[]) =>
    row
      .map((cell, index) => cell.padEnd(widths[index] ?? 0))
      .join("  ")
      .trimEnd();
  return [line(columns), line(widths.map((width) => "-".repeat(width))), ...rows.map(line)];
}

/** `npm run links -- USER_ID|EMAIL [--json]`: the audit records a user keeps. */
export async function runLinks(argv: readonly string[], io: CommandIo): Promise<number> {
  const parsed = parseLinksArguments(argv);
  if (parsed.ok && parsed.arguments.help) {
    io.out(linksHelp);
    return 0;
  }
  const settings = readAdminSettings(io.env);
  if (!parsed.ok || !settings.ok) {
    io.err(
      [
        ...(parsed.ok ? [] : parsed.problems.map((problem) => `[argument_invalid] ${problem}`)),
        ...(settings.ok ? [] : [formatSettingProblems(settings.problems)]),
        "",
        `Usage: ${linksUsage}`,
      ].join("\n"),
    );
    return 2;
  }
  const { json } = parsed.arguments;
  const client = createAdminClient({ settings: settings.settings });
  const resolved = await resolveAccount(client, parsed.arguments.userId, io.terminal);
  if (!resolved.ok) {
    io.err(resolved.lines.join("\n"));
    return resolved.exitCode;
  }
  const { userId } = resolved;
  const user = await client.getUser(userId, ["user_id", "app_metadata"]);
  if (user.kind !== "ok" || !isPlainRecord(user.value)) {
    io.err(
      `[user_unreadable] ${userId}: ${user.kind === "ok" ? "malformed user" : describeFailure(user)}`,
    );
    return 1;
  }
  const appMetadata = isPlainRecord(user.value.app_metadata) ? user.value.app_metadata : {};
  const records = readLinkRecords(appMetadata);
  if (json) {
    io.out(JSON.stringify({ user_id: userId, ...records }, null, 2));
    return 0;
  }
  io.out(`${userId}: ${records.links.length} link record(s)`);
  if (records.links.length > 0) {
    for (const line of table(
      records.links.map((record) => [
        record.at,
        record.path,
        String(record.rules),
        record.secondary,
        carriedKeys(record),
        copyCell(record),
        record.unlinked_at ?? "-",
      ]),
    )) {
      io.out(line);
    }
  }
  io.out(
    records.unlinked.length > 0
      ? `never linked again with: ${records.unlinked.join(", ")}`
      : "never linked again with: nobody",
  );
  return 0;
}
