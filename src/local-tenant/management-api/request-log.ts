import type { Fault } from "./faults";
import type { EndpointKey } from "./route";

export interface RequestLogEntry {
  method: string;
  /** Without the query string, which may hold an email address. */
  path: string;
  endpointKey: EndpointKey | "unmatched";
  /** 0 when the socket was destroyed instead of answered. */
  status: number;
  durationMs: number;
  /** ISO 8601 time the request arrived. */
  at: string;
  fault?: Fault["kind"];
}

/** A position in the log, from `mark()`, to read the requests made after it. */
export type RequestLogMark = number;

export class RequestLog {
  #entries: RequestLogEntry[] = [];
  /** The sequence number of `#entries[0]`: entries are numbered in order, with no gaps. */
  #firstSequence = 0;

  record(entry: RequestLogEntry): void {
    this.#entries.push({ ...entry });
  }

  entries(): RequestLogEntry[] {
    return this.#entries.map((entry) => ({ ...entry }));
  }

  clear(): void {
    this.#firstSequence = this.mark();
    this.#entries = [];
  }

  mark(): RequestLogMark {
    return this.#firstSequence + this.#entries.length;
  }

  since(mark: RequestLogMark): RequestLogEntry[] {
    const start = Math.max(0, mark - this.#firstSequence);
    return this.#entries.slice(start).map((entry) => ({ ...entry }));
  }

  countByEndpoint(entries: RequestLogEntry[] = this.entries()): Record<string, number> {
    const counts: Record<string, number> = {};
    for (const { endpointKey } of entries) counts[endpointKey] = (counts[endpointKey] ?? 0) + 1;
    return counts;
  }
}
