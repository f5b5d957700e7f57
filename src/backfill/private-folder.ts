import { createHash } from "node:crypto";
import { chmod, mkdir } from "node:fs/promises";
import { join, resolve } from "node:path";

const privateMode = 0o700;

/**
 * Where a run keeps what names people, outside `--out` (which is shared: the workflow uploads it):
 * the raw users file and the whole journal. One folder per `--out`, so that a resumed run finds
 * its snapshot, under the user's cache folder (`$XDG_CACHE_HOME`, else `~/.cache`).
 */
export function privateFolderOf(outDir: string, env: Record<string, string | undefined>): string {
  const cache = env.XDG_CACHE_HOME || join(env.HOME || ".", ".cache");
  const run = createHash("sha256").update(resolve(outDir)).digest("hex").slice(0, 16);
  return join(cache, "account-linking-backfill", run);
}

/** Creates the folder, readable by its owner only, whatever the umask made of it. */
export async function openPrivateFolder(path: string): Promise<void> {
  await mkdir(path, { recursive: true, mode: privateMode });
  await chmod(path, privateMode);
}
