import { type AccountSnapshot, toAccountSnapshot } from "../linking/account";
import { groupKey } from "./address-key";
import type { LineSet } from "./line-set";
import { forEachLine } from "./ndjson-lines";
import { rootEmail } from "./root-email";

export interface AddressGroups {
  /**
   * By folded address, the group's lines: kept as bytes until the group is planned, a few
   * hundred each where a parsed account takes several times that. Bytes outside the JavaScript
   * heap, not text inside it: with a hundred megabytes of lines in its old generation, the
   * collector let the planning's garbage pile up to several times that before collecting it.
   */
  groups: Map<string, Buffer[]>;
  /** Marked lines with no readable address (the first pass's shortcut read one, JSON did not). */
  malformed: number;
}

export interface ParsedGroup {
  members: AccountSnapshot[];
  /** Lines the Action would not read as a user (`malformed_user`), left out as it leaves them. */
  malformed: number;
}

function parseOrUndefined(line: Buffer): unknown {
  try {
    return JSON.parse(line.toString("utf8"));
  } catch {
    return undefined;
  }
}

/** The group's accounts, read as the Action reads a user; malformed ones are left out. */
export function parseGroup(lines: readonly Buffer[]): ParsedGroup {
  const members: AccountSnapshot[] = [];
  let malformed = 0;
  for (const line of lines) {
    // The line's own size: the export's JSON text of the user, as serializing it again would be.
    const parsed = toAccountSnapshot(parseOrUndefined(line), line.length);
    if (parsed.ok && parsed.account.email !== undefined) members.push(parsed.account);
    else malformed++;
  }
  return { members, malformed };
}

/**
 * The second pass: keeps only the lines the first pass marked, grouped by address exactly as
 * the Action compares. Addresses that only shared a hash with another are dropped here.
 */
export async function readGroups(
  path: string,
  sharedLines: LineSet,
  onProgress?: (bytesRead: number) => void,
): Promise<AddressGroups> {
  const byKey = new Map<string, Buffer[]>();
  let malformed = 0;
  await forEachLine(
    path,
    (line, index) => {
      if (!sharedLines.has(index)) return;
      const email = rootEmail(line);
      if (typeof email !== "string") {
        malformed++;
        return;
      }
      // A copy: the line is a view of its chunk, and would keep that whole megabyte alive.
      const copy = Buffer.from(line);
      const key = groupKey(email);
      const members = byKey.get(key);
      if (members) members.push(copy);
      else byKey.set(key, [copy]);
    },
    onProgress,
  );
  for (const [key, lines] of byKey) {
    if (lines.length < 2) byKey.delete(key);
  }
  return { groups: byKey, malformed };
}
