import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { gunzipSync } from "node:zlib";

/** Every file under `dir`, at any depth, as text: gzipped ones (told by their bytes) unpacked. */
export async function filesUnder(dir: string): Promise<Map<string, string>> {
  const files = new Map<string, string>();
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue;
    const path = join(entry.parentPath, entry.name);
    const bytes = await readFile(path);
    const gzipped = bytes[0] === 0x1f && bytes[1] === 0x8b;
    files.set(path, (gzipped ? gunzipSync(bytes) : bytes).toString("utf8"));
  }
  return files;
}
