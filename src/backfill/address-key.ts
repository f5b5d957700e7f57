import { asciiLowerCase } from "../linking/email";

/** The group an address belongs to: folded exactly as the Action compares (ASCII letters only). */
export function groupKey(email: string): string {
  return asciiLowerCase(email);
}

const fnvOffset = 0x811c9dc5;
const fnvPrime = 0x01000193;
const upperA = 65;
const upperZ = 90;
const toLower = 32;

/**
 * A 31-bit FNV-1a hash of `groupKey(email)` over the address's UTF-8 bytes `bytes[start, end)`,
 * folding as it goes (so no folded copy is made; ASCII letters never occur inside a multi-byte
 * character), small enough to stay an unboxed integer in a Map: the first pass keeps one per
 * address instead of the address. Two addresses that share a hash only cost the second pass a
 * few extra lines; it groups by the folded address itself.
 */
export function groupKeyHash(bytes: Uint8Array, start: number, end: number): number {
  let hash = fnvOffset;
  for (let index = start; index < end; index++) {
    const code = bytes[index] as number;
    hash = Math.imul(hash ^ (code >= upperA && code <= upperZ ? code + toLower : code), fnvPrime);
  }
  return hash >>> 1;
}
