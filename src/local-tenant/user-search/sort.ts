import type { StoredUser } from "../tenant-state";
import { valuesAt } from "./match";

export interface UserSort {
  field: string;
  direction: 1 | -1;
}

const sortPattern = /^([a-zA-Z0-9_.]+):(1|-1)$/;

/** `field:1` or `field:-1`, the `sort` parameter's syntax; `undefined` when it does not parse. */
export function parseUserSort(text: string): UserSort | undefined {
  const match = sortPattern.exec(text);
  if (!match) return undefined;
  return { field: match[1] as string, direction: match[2] === "1" ? 1 : -1 };
}

/**
 * Users in `sort` order; users without the field come last either way, and ties keep the
 * store's order, so paging through a sorted list is deterministic.
 */
export function sortUsers(
  users: readonly Readonly<StoredUser>[],
  sort: UserSort,
): Readonly<StoredUser>[] {
  const keyed = users.map((user, index) => ({ user, index, key: valuesAt(user, sort.field)[0] }));
  keyed.sort((a, b) => {
    if (a.key === undefined || b.key === undefined) {
      return a.key === b.key ? a.index - b.index : a.key === undefined ? 1 : -1;
    }
    const order = compareKeys(a.key, b.key) * sort.direction;
    return order === 0 ? a.index - b.index : order;
  });
  return keyed.map(({ user }) => user);
}

function compareKeys(a: unknown, b: unknown): number {
  if (typeof a === "number" && typeof b === "number") return a - b;
  const left = String(a);
  const right = String(b);
  return left < right ? -1 : left > right ? 1 : 0;
}
