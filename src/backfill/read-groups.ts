import { type AccountSnapshot, toAccountSnapshot } from "../linking/account";
import { groupKey } from "./address-key";
import type { LineSet } from "./line-set";
import { forEachLine } from "./ndjson-lines";

export interface AddressGroups {
  /** By folded address: only addresses held by two or more well-formed accounts. */
  groups: Map<string, AccountSnapshot[]>;
  /** Lines the first pass marked that the Action would not read as a user (`malformed_user`). */
  malformed: number;
}

// The first pass may have taken the address from a line that is not whole JSON after it.
function parseOrUndefined(line: string): unknown {
  try {
    return JSON.parse(line);
  } catch {
    return undefined;
  }
}

/**
 * The second pass: parses only the lines the first pass marked, and groups them by address
 * exactly as the Action compares. A malformed account is left out of its group, as the Action
 * leaves a malformed candidate out of its lookup.
 */
export async function readGroups(
  path: string,
  sharedLines: LineSet,
  onProgress?: (bytesRead: number) => void,
): Promise<AddressGroups> {
  const byKey = new Map<string, AccountSnapshot[]>();
  let malformed = 0;
  await forEachLine(
    path,
    (line, index) => {
      if (!sharedLines.has(index)) return;
      const parsed = toAccountSnapshot(parseOrUndefined(line));
      if (!parsed.ok || parsed.account.email === undefined) {
        malformed++;
        return;
      }
      const key = groupKey(parsed.account.email);
      const members = byKey.get(key);
      if (members) members.push(parsed.account);
      else byKey.set(key, [parsed.account]);
    },
    onProgress,
  );
  for (const [key, members] of byKey) {
    // Addresses that only shared a hash, or lost a member to malformation.
    if (members.length < 2) byKey.delete(key);
  }
  return { groups: byKey, malformed };
}
