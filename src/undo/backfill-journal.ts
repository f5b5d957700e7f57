import { readFile } from "node:fs/promises";
import { isPlainRecord } from "../linking/account";
import type { CompleteCopy } from "../linking/unlink-plan";

export interface JournalLink {
  primaryId: string;
  secondaryId: string;
}

export interface JournalContents {
  /** Links the run made (or may have made: started and never answered), in the order made. */
  links: JournalLink[];
  /** Complete copies of secondaries as they were, by secondary user id. */
  copies: Map<string, CompleteCopy>;
}

function asCopy(entry: Record<string, unknown>): CompleteCopy | undefined {
  const { user_metadata, app_metadata } = entry;
  if (!isPlainRecord(user_metadata) && !isPlainRecord(app_metadata)) return undefined;
  return {
    user_metadata: isPlainRecord(user_metadata) ? user_metadata : {},
    app_metadata: isPlainRecord(app_metadata) ? app_metadata : {},
  };
}

/**
 * The backfill's journal.jsonl, read for an undo: every `link` step that started (a link whose
 * answer was lost may have landed: the undo checks the primary), and every complete copy the run
 * kept (`copy` entries with the secondary's metadata as it was). A torn last line is ignored.
 */
export async function readBackfillJournal(path: string): Promise<JournalContents> {
  const text = await readFile(path, "utf8");
  const links: JournalLink[] = [];
  const seen = new Set<string>();
  const copies = new Map<string, CompleteCopy>();
  for (const line of text.split("\n")) {
    if (line.trim() === "") continue;
    let entry: unknown;
    try {
      entry = JSON.parse(line);
    } catch {
      continue;
    }
    if (!isPlainRecord(entry)) continue;
    const primaryId = entry.primary_user_id;
    const secondaryId = entry.secondary_user_id;
    if (typeof primaryId !== "string" || typeof secondaryId !== "string") continue;
    if (entry.type === "copy") {
      const copy = asCopy(entry);
      if (copy) copies.set(secondaryId, copy);
    } else if (entry.type === "step" && entry.step === "link") {
      const key = `${primaryId}\u0000${secondaryId}`;
      if (!seen.has(key)) links.push({ primaryId, secondaryId });
      seen.add(key);
    }
  }
  return { links, copies };
}
