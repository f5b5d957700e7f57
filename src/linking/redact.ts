// Anything shaped like local@domain, wherever it sits: a SAML or enterprise user id often embeds
// the NameID (`samlp|acme-saml|jane.doe@corp.example`), and a metadata key or a message can too.
const ADDRESS_LIKE = /[^\s|@"'<>(),;:[\]]*@[^\s|@"'<>(),;:[\]]*/g;

export type AddressHasher = (address: string) => string;

/**
 * Replaces every address in `text`: with `email:` and its keyed hash when a hasher is given (so
 * one person's lines still correlate), else with a fixed mark.
 */
export function redactAddresses(text: string, hash?: AddressHasher): string {
  return text.replace(ADDRESS_LIKE, (address) => (hash ? `email:${hash(address)}` : "[address]"));
}

/** The same, through every string of a JSON-shaped value: one rule for every field of a log line. */
export function redactAddressesDeep<T>(value: T, hash?: AddressHasher): T {
  if (typeof value === "string") return redactAddresses(value, hash) as T;
  if (Array.isArray(value)) return value.map((item) => redactAddressesDeep(item, hash)) as T;
  if (value !== null && typeof value === "object") {
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [
        redactAddresses(key, hash),
        redactAddressesDeep(item, hash),
      ]),
    ) as T;
  }
  return value;
}
