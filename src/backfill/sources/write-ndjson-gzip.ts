import { createWriteStream } from "node:fs";
import { rename } from "node:fs/promises";
import { createGzip } from "node:zlib";

/**
 * A gzipped NDJSON file written line by line, under a temporary name until it is complete: a
 * run killed halfway never leaves a file a later run would take for a whole source.
 */
export class NdjsonGzipWriter {
  readonly #path: string;
  readonly #partial: string;
  readonly #gzip = createGzip({ level: 1 });
  readonly #done: Promise<void>;

  constructor(path: string) {
    this.#path = path;
    this.#partial = `${path}.partial`;
    const file = createWriteStream(this.#partial);
    this.#gzip.pipe(file);
    this.#done = new Promise((resolve, reject) => {
      file.once("finish", resolve);
      file.once("error", reject);
      this.#gzip.once("error", reject);
    });
  }

  async write(record: unknown): Promise<void> {
    if (!this.#gzip.write(`${JSON.stringify(record)}\n`)) {
      await new Promise<void>((resolve) => this.#gzip.once("drain", () => resolve()));
    }
  }

  async close(): Promise<string> {
    this.#gzip.end();
    await this.#done;
    await rename(this.#partial, this.#path);
    return this.#path;
  }
}
