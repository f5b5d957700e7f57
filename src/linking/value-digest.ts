import { createHash } from "node:crypto";

const DIGEST_HEX_LENGTH = 16;

// Object keys in sorted order, so that a value Auth0 stored back with its keys reordered still
// has the digest it had when it was carried.
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (typeof value === "object" && value !== null) {
    const record = value as Record<string, unknown>;
    const entries = Object.keys(record)
      .sort()
      .map((key) => `${JSON.stringify(key)}:${canonicalJson(record[key])}`);
    return `{${entries.join(",")}}`;
  }
  return JSON.stringify(value) ?? "null";
}

/**
 * A short fingerprint of a carried value: an undo compares it with the primary's value of the
 * day, to remove only what is still exactly what the secondary brought.
 */
export function digestValue(value: unknown): string {
  return createHash("sha256")
    .update(canonicalJson(value), "utf8")
    .digest("hex")
    .slice(0, DIGEST_HEX_LENGTH);
}
