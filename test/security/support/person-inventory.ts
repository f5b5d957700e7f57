import { asciiLowerCase } from "../../../src/linking/email";
import type { StoredUser } from "../../../src/local-tenant/tenant-state";

/** Everything a person has in the tenant that linking must never lose. */
export interface PersonInventory {
  identities: Set<string>;
  userMetadataKeys: Set<string>;
  appMetadataKeys: Set<string>;
}

export interface Loss {
  identities: string[];
  metadataKeys: string[];
}

export const noLoss: Loss = { identities: [], metadataKeys: [] };

function ownedBy(user: StoredUser, email: string): boolean {
  return typeof user.email === "string" && asciiLowerCase(user.email) === asciiLowerCase(email);
}

export function inventoryOf(users: readonly StoredUser[], email: string): PersonInventory {
  const inventory: PersonInventory = {
    identities: new Set(),
    userMetadataKeys: new Set(),
    appMetadataKeys: new Set(),
  };
  for (const user of users.filter((candidate) => ownedBy(candidate, email))) {
    for (const identity of user.identities) {
      inventory.identities.add(`${identity.provider}|${identity.user_id}`);
    }
    for (const key of Object.keys(user.user_metadata)) inventory.userMetadataKeys.add(key);
    for (const key of Object.keys(user.app_metadata)) inventory.appMetadataKeys.add(key);
  }
  return inventory;
}

/**
 * What the person had before and has nowhere now. App metadata counts only when it stays on the
 * account that had it: it is never carried (roles must not travel), so linking may drop a
 * secondary's by design.
 */
export function lossBetween(before: PersonInventory, after: PersonInventory): Loss {
  return {
    identities: [...before.identities].filter((identity) => !after.identities.has(identity)),
    metadataKeys: [...before.userMetadataKeys].filter((key) => !after.userMetadataKeys.has(key)),
  };
}

export function withIdentity(inventory: PersonInventory, userId: string): PersonInventory {
  return { ...inventory, identities: new Set([...inventory.identities, userId]) };
}
