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
 * A 31-bit FNV-1a hash of `groupKey(email)`, folding as it goes (so no folded copy is made),
 * small enough to stay an unboxed integer in a Map: the first pass keeps one per address instead
 * of the address. Two addresses that share a hash only cost the second pass a few extra lines;
 * it groups by the folded address itself.
 */
export function groupKeyHash(email: string): number {
  let hash = fnvOffset;
  for (let index = 0; index < email.length; index++) {
    const code = email.charCodeAt(index);
    hash = Math.imul(hash ^ (code >= upperA && code <= upperZ ? code + toLower : code), fnvPrime);
  }
  return hash >>> 1;
}
