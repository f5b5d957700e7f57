import { createWriteStream, type WriteStream } from "node:fs";
import { join } from "node:path";
import { type AddressHasher, redactAddressesDeep } from "../linking/redact";
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

/**
 * plan.jsonl and groups.csv in `--out`, written as groups are planned, every address in them (a
 * user id can hold one) written as `hashAddress` makes it.
 */
export class PlanOutputs {
  readonly #plan: WriteStream;
  readonly #csv: WriteStream;
  readonly #hashAddress: AddressHasher;
  #planBatch = "";
  #csvBatch = `${csvHeader.join(",")}\n`;

  constructor(outDir: string, hashAddress: AddressHasher) {
    this.#plan = createWriteStream(join(outDir, "plan.jsonl"));
    this.#csv = createWriteStream(join(outDir, "groups.csv"));
    this.#hashAddress = hashAddress;
  }

  /** Resolves at once unless a batch went out and a file's buffer is full: then when it drained. */
  async add(planned: GroupRecord): Promise<void> {
    const record = redactAddressesDeep(planned, this.#hashAddress);
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
