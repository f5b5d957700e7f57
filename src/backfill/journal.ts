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
export interface JournalOptions {
  /** What `path` keeps of an entry (nothing when `undefined`); `whole` keeps it as it is. */
  shared?: (entry: JournalEntry) => JournalEntry | undefined;
  /** A second journal that keeps every entry whole. */
  whole?: string;
}

export class Journal {
  readonly #file: FileHandle;
  readonly #whole: FileHandle | undefined;
  readonly #shared: (entry: JournalEntry) => JournalEntry | undefined;
  #queue: Promise<void> = Promise.resolve();

  private constructor(file: FileHandle, whole: FileHandle | undefined, options: JournalOptions) {
    this.#file = file;
    this.#whole = whole;
    this.#shared = options.shared ?? ((entry) => entry);
  }

  /**
   * Opens (or creates) the journal and returns what a previous run recorded: the whole journal's
   * entries where it has any, else `path`'s (a resume on another machine has only those).
   */
  static async open(
    path: string,
    options: JournalOptions = {},
  ): Promise<{ journal: Journal; previous: JournalEntry[] }> {
    const shared = await readEntries(path);
    const wholeEntries = options.whole === undefined ? [] : await readEntries(options.whole);
    const previous = wholeEntries.length > 0 ? wholeEntries : shared;
    const file = await open(path, "a");
    const whole = options.whole === undefined ? undefined : await open(options.whole, "a", 0o600);
    return { journal: new Journal(file, whole, options), previous };
  }

  /** Resolves once the entry is on disk; entries keep the order `record` was called in. */
  record(entry: JournalEntry): Promise<void> {
    const shared = this.#shared(entry);
    const written = this.#queue.then(() =>
      Promise.all([
        shared === undefined ? undefined : appendForced(this.#file, shared),
        this.#whole === undefined ? undefined : appendForced(this.#whole, entry),
      ]).then(() => undefined),
    );
    this.#queue = written.catch(() => undefined);
    return written;
  }

  async close(): Promise<void> {
    await this.#queue;
    await this.#file.close();
    await this.#whole?.close();
  }
}

async function appendForced(file: FileHandle, entry: JournalEntry): Promise<void> {
  await file.appendFile(`${JSON.stringify(entry)}\n`, "utf8");
  await file.datasync();
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
