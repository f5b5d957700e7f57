import { type FileHandle, open, readFile, truncate } from "node:fs/promises";

export type StepName = "reread" | "holdings" | "carry" | "link" | "marker";

export type JournalEntry =
  | { type: "run"; at: string; source: string }
  | {
      type: "group";
      group: string;
      phase: "started";
      primary_user_id?: string;
      secondary_user_ids: string[];
    }
  | {
      type: "group";
      group: string;
      phase: "done";
      /** `incident`: a link moved identities nobody planned; a later run leaves the group alone. */
      outcome: "linked" | "refused" | "failed" | "incident";
      reason?: string;
      links?: number;
      replanned?: boolean;
    }
  | {
      /** A secondary's metadata as it was, whole, written before anything changes it. */
      type: "copy";
      group: string;
      primary_user_id: string;
      secondary_user_id: string;
      user_metadata: Record<string, unknown>;
      app_metadata: Record<string, unknown>;
    }
  | {
      type: "step";
      group: string;
      step: StepName;
      phase: "started" | "done" | "failed";
      primary_user_id?: string;
      secondary_user_id?: string;
      detail?: string;
    };

/** The groups a previous run finished, by the journal they left. */
export function finishedGroups(entries: readonly JournalEntry[]): Set<string> {
  const finished = new Set<string>();
  for (const entry of entries) {
    if (entry.type !== "group" || entry.phase !== "done") continue;
    if (entry.outcome === "failed") finished.delete(entry.group);
    else finished.add(entry.group);
  }
  return finished;
}

/**
 * journal.jsonl: every step of an apply, written before it is made and after, each line forced
 * to disk (fsync) before the step goes on, so that a run killed at any moment (kill -9 included)
 * leaves a journal that says what was done and what may have been under way.
 */
export class Journal {
  readonly #file: FileHandle;
  #queue: Promise<void> = Promise.resolve();

  private constructor(file: FileHandle) {
    this.#file = file;
  }

  /** Opens (or creates) the journal and returns what a previous run recorded. */
  static async open(path: string): Promise<{ journal: Journal; previous: JournalEntry[] }> {
    const previous = await readEntries(path);
    const file = await open(path, "a");
    return { journal: new Journal(file), previous };
  }

  /** Resolves once the entry is on disk; entries keep the order `record` was called in. */
  record(entry: JournalEntry): Promise<void> {
    const line = `${JSON.stringify(entry)}\n`;
    const written = this.#queue.then(async () => {
      await this.#file.appendFile(line, "utf8");
      await this.#file.datasync();
    });
    this.#queue = written.catch(() => undefined);
    return written;
  }

  async close(): Promise<void> {
    await this.#queue;
    await this.#file.close();
  }
}

async function readEntries(path: string): Promise<JournalEntry[]> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return [];
    throw error;
  }
  // A kill in the middle of a write leaves a torn last line: cut it off, or the next entry would
  // be appended to it. What it was about to say is recorded again when the step is retried.
  const complete = text.lastIndexOf("\n") + 1;
  if (complete < text.length) await truncate(path, Buffer.byteLength(text.slice(0, complete)));
  return text
    .slice(0, complete)
    .split("\n")
    .filter((line) => line !== "")
    .map((line) => JSON.parse(line) as JournalEntry);
}
