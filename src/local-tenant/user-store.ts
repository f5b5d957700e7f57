import type { StoredUser } from "./tenant-state";

/** `provider|user_id`: providers never hold a `|`, so the key is unambiguous. */
export function identityKey(provider: string, providerUserId: string | number): string {
  return `${provider}|${String(providerUserId)}`;
}

interface Entry {
  user: StoredUser;
  /** When the user was first stored: lists come out in that order, as from Auth0's store. */
  serial: number;
}

/**
 * The tenant's users by id, with indexes by identity and by root email that every write keeps in
 * step, so that a login or a users-by-email lookup does not scan the whole tenant.
 */
export class UserStore {
  readonly #byId = new Map<string, Entry>();
  readonly #idByIdentity = new Map<string, string>();
  readonly #idsByEmail = new Map<string, Set<string>>();
  #nextSerial = 0;

  get(id: string): StoredUser | undefined {
    return this.#byId.get(id)?.user;
  }

  has(id: string): boolean {
    return this.#byId.has(id);
  }

  *values(): IterableIterator<StoredUser> {
    for (const { user } of this.#byId.values()) yield user;
  }

  byIdentity(provider: string, providerUserId: string): StoredUser | undefined {
    const id = this.#idByIdentity.get(identityKey(provider, providerUserId));
    return id === undefined ? undefined : this.get(id);
  }

  /** Exact, case-sensitive match on the root `email`. */
  byEmail(email: string): StoredUser[] {
    const ids = this.#idsByEmail.get(email) ?? new Set<string>();
    return [...ids]
      .map((id) => this.#byId.get(id) as Entry)
      .sort((a, b) => a.serial - b.serial)
      .map(({ user }) => user);
  }

  /** Stores a new user or replaces the one with its `user_id`. */
  put(user: StoredUser): void {
    const previous = this.#byId.get(user.user_id);
    if (previous) this.#unindex(previous.user);
    this.#byId.set(user.user_id, { user, serial: previous?.serial ?? this.#nextSerial++ });
    this.#index(user);
  }

  delete(id: string): void {
    const entry = this.#byId.get(id);
    if (!entry) return;
    this.#unindex(entry.user);
    this.#byId.delete(id);
  }

  #index(user: StoredUser): void {
    for (const identity of user.identities) {
      this.#idByIdentity.set(identityKey(identity.provider, identity.user_id), user.user_id);
    }
    if (typeof user.email !== "string") return;
    const ids = this.#idsByEmail.get(user.email) ?? new Set<string>();
    ids.add(user.user_id);
    this.#idsByEmail.set(user.email, ids);
  }

  #unindex(user: StoredUser): void {
    for (const identity of user.identities) {
      this.#idByIdentity.delete(identityKey(identity.provider, identity.user_id));
    }
    if (typeof user.email !== "string") return;
    const ids = this.#idsByEmail.get(user.email);
    ids?.delete(user.user_id);
    if (ids?.size === 0) this.#idsByEmail.delete(user.email);
  }
}
