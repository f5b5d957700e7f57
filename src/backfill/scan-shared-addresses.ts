import { LineSet } from "./line-set";
import { forEachLine } from "./ndjson-lines";
import { rootEmailHash } from "./root-email";

export interface AddressScan {
  /** Lines read, empty ones included. */
  lines: number;
  /** Users with an address. */
  withEmail: number;
  withoutEmail: number;
  /** Lines that are not a JSON object (among those the first pass had to parse). */
  unreadable: number;
  /** Lines whose address another line may share: the only ones the second pass reads. */
  sharedLines: LineSet;
}

/**
 * The first pass over an export: which lines share an address with another line. It keeps one
 * small integer per address (its hash and first line) and one bit per line, so a tenant of
 * millions fits in a few tens of megabytes; nothing of the user is kept.
 */
export async function scanSharedAddresses(
  path: string,
  onProgress?: (bytesRead: number, users: number) => void,
): Promise<AddressScan> {
  // hash -> the first line with it, or -1 once that line is in sharedLines.
  const firstLineOf = new Map<number, number>();
  const sharedLines = new LineSet();
  let withEmail = 0;
  let withoutEmail = 0;
  let unreadable = 0;
  const lines = await forEachLine(
    path,
    (line, index) => {
      const hash = rootEmailHash(line);
      if (hash === null) {
        unreadable++;
        return;
      }
      if (hash === undefined) {
        withoutEmail++;
        return;
      }
      withEmail++;
      const first = firstLineOf.get(hash);
      if (first === undefined) {
        firstLineOf.set(hash, index);
        return;
      }
      sharedLines.add(index);
      if (first >= 0) {
        sharedLines.add(first);
        firstLineOf.set(hash, -1);
      }
    },
    onProgress && ((bytesRead) => onProgress(bytesRead, withEmail + withoutEmail)),
  );
  return { lines, withEmail, withoutEmail, unreadable, sharedLines };
}
