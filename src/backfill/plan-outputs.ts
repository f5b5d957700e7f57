import { createWriteStream, type WriteStream } from "node:fs";
import { join } from "node:path";
import { csvCell } from "./csv-cell";
import type { GroupRecord } from "./group-record";

const csvHeader = [
  "group",
  "accounts",
  "decision",
  "reason",
  "primary_user_id",
  "secondary_user_ids",
  "excluded",
  "carries_metadata",
  "dropped_metadata_keys",
  "reads",
  "writes",
];

function csvRow(record: GroupRecord): string {
  return `${[
    record.group,
    record.accounts,
    record.decision,
    record.reason,
    record.primary_user_id ?? "",
    record.secondary_user_ids.join(" "),
    record.excluded.map(({ user_id, reason }) => `${user_id} (${reason})`).join(" "),
    record.carries_metadata,
    record.dropped_metadata_keys.join(" "),
    record.requests.reads,
    record.requests.writes,
  ]
    .map(csvCell)
    .join(",")}\n`;
}

function write(stream: WriteStream, text: string): Promise<void> | undefined {
  if (stream.write(text)) return undefined;
  return new Promise((resolve) => stream.once("drain", () => resolve()));
}

function close(stream: WriteStream): Promise<void> {
  return new Promise((resolve, reject) => {
    stream.once("error", reject);
    stream.end(() => resolve());
  });
}

// Records are handed to the streams in batches of about this many characters: one write per
// record cost a million-user plan more than building the records did.
const batchChars = 1 << 16;

/** plan.jsonl and groups.csv in `--out`, written as groups are planned. */
export class PlanOutputs {
  readonly #plan: WriteStream;
  readonly #csv: WriteStream;
  #planBatch = "";
  #csvBatch = `${csvHeader.join(",")}\n`;

  constructor(outDir: string) {
    this.#plan = createWriteStream(join(outDir, "plan.jsonl"));
    this.#csv = createWriteStream(join(outDir, "groups.csv"));
  }

  /** Resolves at once unless a batch went out and a file's buffer is full: then when it drained. */
  async add(record: GroupRecord): Promise<void> {
    this.#planBatch += `${JSON.stringify(record)}\n`;
    this.#csvBatch += csvRow(record);
    if (this.#planBatch.length >= batchChars) await this.#flush();
  }

  async #flush(): Promise<void> {
    const [plan, csv] = [this.#planBatch, this.#csvBatch];
    this.#planBatch = "";
    this.#csvBatch = "";
    await Promise.all([write(this.#plan, plan), write(this.#csv, csv)]);
  }

  async close(): Promise<void> {
    await this.#flush();
    await Promise.all([close(this.#plan), close(this.#csv)]);
  }
}
