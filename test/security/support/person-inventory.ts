import { asciiLowerCase } from "../../../src/linking/email";
import { isLinkRecordsKey, readLinkRecords } from "../../../src/linking/link-records";
import { MARKER_KEY } from "../../../src/linking/marker";
import { digestValue } from "../../../src/linking/value-digest";
import type { StoredUser } from "../../../src/local-tenant/tenant-state";

/** Everything a person has in the tenant that linking must never lose. */
export interface PersonInventory {
  identities: Set<string>;
  userMetadataKeys: Set<string>;
  appMetadataKeys: Set<string>;
  /**
   * `user_metadata.KEY` / `app_metadata.KEY` with the digest of its value, held at the root of
   * one of the person's accounts or in a recoverable copy one of them keeps.
   */
  metadataValues: Map<string, Set<string>>;
}

export interface Loss {
  identities: string[];
  /** `user_metadata.KEY` / `app_metadata.KEY` whose value is nowhere any more. */
  metadataKeys: string[];
}

export const noLoss: Loss = { identities: [], metadataKeys: [] };

// The Action's own bookkeeping is not the person's data.
function isBookkeepingKey(key: string): boolean {
  return key === MARKER_KEY || isLinkRecordsKey(key);
}

function ownedBy(user: StoredUser, email: string): boolean {
  return typeof user.email === "string" && asciiLowerCase(user.email) === asciiLowerCase(email);
}

function addValues(
  values: Map<string, Set<string>>,
  field: "user_metadata" | "app_metadata",
  metadata: Record<string, unknown>,
): void {
  for (const [key, value] of Object.entries(metadata)) {
    if (field === "app_metadata" && isBookkeepingKey(key)) continue;
    const name = `${field}.${key}`;
    const digests = values.get(name) ?? new Set<string>();
    digests.add(digestValue(value));
    values.set(name, digests);
  }
}

export function inventoryOf(users: readonly StoredUser[], email: string): PersonInventory {
  const inventory: PersonInventory = {
    identities: new Set(),
    userMetadataKeys: new Set(),
    appMetadataKeys: new Set(),
    metadataValues: new Map(),
  };
  for (const user of users.filter((candidate) => ownedBy(candidate, email))) {
    for (const identity of user.identities) {
      inventory.identities.add(`${identity.provider}|${identity.user_id}`);
    }
    for (const key of Object.keys(user.user_metadata)) inventory.userMetadataKeys.add(key);
    for (const key of Object.keys(user.app_metadata)) inventory.appMetadataKeys.add(key);
    addValues(inventory.metadataValues, "user_metadata", user.user_metadata);
    addValues(inventory.metadataValues, "app_metadata", user.app_metadata);
    for (const record of readLinkRecords(user.app_metadata).links) {
      if (record.copy.in !== "app_metadata" || record.unlinked_at !== undefined) continue;
      addValues(inventory.metadataValues, "user_metadata", record.copy.user_metadata);
      addValues(inventory.metadataValues, "app_metadata", record.copy.app_metadata);
    }
  }
  return inventory;
}

/**
 * What the person had before and has nowhere now: an identity, or a metadata value that is
 * neither at the root of one of their accounts nor in a recoverable copy. A colliding value the
 * primary's replaced counts as lost unless the copy kept it.
 */
export function lossBetween(before: PersonInventory, after: PersonInventory): Loss {
  const metadataKeys = [...before.metadataValues].filter(([name, digests]) =>
    [...digests].some((digest) => !after.metadataValues.get(name)?.has(digest)),
  );
  return {
    identities: [...before.identities].filter((identity) => !after.identities.has(identity)),
    metadataKeys: metadataKeys.map(([name]) => name),
  };
}

export function withIdentity(inventory: PersonInventory, userId: string): PersonInventory {
  return { ...inventory, identities: new Set([...inventory.identities, userId]) };
}
