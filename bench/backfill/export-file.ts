import { createWriteStream } from "node:fs";
import { pipeline } from "node:stream/promises";
import { exportFileStream } from "../../src/local-tenant/export-jobs/export-file";
import type { StoredUser } from "../../src/local-tenant/tenant-state";

/** The root fields a backfill asks an export for (the facts file's list). */
export const backfillExportFields = [
  "user_id",
  "email",
  "email_verified",
  "identities",
  "created_at",
  "updated_at",
  "last_login",
  "logins_count",
  "blocked",
  "multifactor",
  "app_metadata",
  "user_metadata",
].map((name) => ({ name }));

/** Writes accounts as the local tenant's export job would serve them: gzipped NDJSON. */
export async function writeExportFile(path: string, accounts: Iterable<StoredUser>): Promise<void> {
  await pipeline(exportFileStream(accounts, "json", backfillExportFields), createWriteStream(path));
}
