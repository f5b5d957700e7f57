import { hashEmail } from "../linking/email-hash";
import { type AddressHasher, redactAddressesDeep } from "../linking/redact";
import type { JournalEntry } from "./journal";

/**
 * The keyed hash the Action logs addresses as (`email:` and 16 hex digits): what `--out` writes
 * in place of an address wherever one sits, in a user id (`samlp|acme|jane@corp.example`) or a
 * metadata key, so one person's lines still correlate with the Action's logs.
 */
export function outputAddressHasher(clientSecret: string): AddressHasher {
  return (address) => hashEmail(address, clientSecret);
}

/**
 * What `--out`'s journal keeps of an entry: no metadata copy (it is the person's data, kept whole
 * in the private journal for an undo), and addresses as their keyed hash. A resume needs only the
 * groups' outcomes, which name groups by that hash already.
 */
export function sharedJournalEntry(hash: AddressHasher) {
  return (entry: JournalEntry): JournalEntry | undefined =>
    entry.type === "copy" ? undefined : redactAddressesDeep(entry, hash);
}
