import type { StoredUser } from "./tenant-records";

/** `provider|user_id`: providers never hold a `|`, so the key is unambiguous. */
export function identityKey(provider: string, providerUserId: string | number): string {
  return `${provider}|${String(providerUserId)}`;
}

interface Entry {
  user: StoredUser;
  /** When the user was first stored: lists come out in that order, as from Auth0's store. */
  serial: number;
}

// A user is one user id in one connection: two database connections can each hold a user with
// the same id (custom databases return their own ids, and imports keep them), which is why the
// link request's `connection_id` exists ("when more than one `auth0` database provider exists").
function entryKey(user: StoredUser): string {
  return `${user.identities[0]?.connection ?? ""}\n${user.user_id}`;
}

/**
 * The tenant's users, with indexes by user id, by identity and by root email that every write
 * keeps in step, so that a login or a users-by-email lookup does not scan the whole tenant.
 * Where two users share a user id (in two database connections), a read by id or by identity
 * without a connection gets the one stored first: which one Auth0 returns is undocumented.
 */
export class UserStore {
  readonly #byKey = new Map<string, Entry>();
  readonly #keysById = new Map<string, Set<string>>();
  readonly #keysByIdentity = new Map<string, Set<string>>();
  readonly #keysByEmail = new Map<string, Set<string>>();
  #nextSerial = 0;

  get(id: string): StoredUser | undefined {
    return this.#first(this.#keysById.get(id))?.user;
  }

  has(id: string): boolean {
    return this.#keysById.has(id);
  }

  *values(): IterableIterator<StoredUser> {
    for (const { user } of this.#byKey.values()) yield user;
  }

  /** The user holding this identity; in `connection` only, when one is named. */
  byIdentity(
    provider: string,
    providerUserId: string,
    connection?: string,
  ): StoredUser | undefined {
    const holders = this.#entries(this.#keysByIdentity.get(identityKey(provider, providerUserId)));
    return holders.find(
      ({ user }) =>
        connection === undefined ||
        user.identities.some(
          (identity) =>
            identity.provider === provider &&
            String(identity.user_id) === providerUserId &&
            identity.connection === connection,
        ),
    )?.user;
  }

  /** Exact, case-sensitive match on the root `email`. */
  byEmail(email: string): StoredUser[] {
    return this.#entries(this.#keysByEmail.get(email)).map(({ user }) => user);
  }

  /** Stores a new user or replaces the one with its `user_id` in its connection. */
  put(user: StoredUser): void {
    const key = entryKey(user);
    const previous = this.#byKey.get(key);
    if (previous) this.#unindex(key, previous.user);
    this.#byKey.set(key, { user, serial: previous?.serial ?? this.#nextSerial++ });
    this.#index(key, user);
  }

  delete(user: StoredUser): void {
    const key = entryKey(user);
    const entry = this.#byKey.get(key);
    if (!entry) return;
    this.#unindex(key, entry.user);
    this.#byKey.delete(key);
  }

  #entries(keys: Set<string> | undefined): Entry[] {
    return [...(keys ?? [])]
      .map((key) => this.#byKey.get(key) as Entry)
      .sort((a, b) => a.serial - b.serial);
  }

  #first(keys: Set<string> | undefined): Entry | undefined {
    return this.#entries(keys)[0];
  }

  #index(key: string, user: StoredUser): void {
    addTo(this.#keysById, user.user_id, key);
    for (const identity of user.identities) {
      addTo(this.#keysByIdentity, identityKey(identity.provider, identity.user_id), key);
    }
    if (typeof user.email === "string") addTo(this.#keysByEmail, user.email, key);
  }

  #unindex(key: string, user: StoredUser): void {
    removeFrom(this.#keysById, user.user_id, key);
    for (const identity of user.identities) {
      removeFrom(this.#keysByIdentity, identityKey(identity.provider, identity.user_id), key);
    }
    if (typeof user.email === "string") removeFrom(this.#keysByEmail, user.email, key);
  }
}

function addTo(index: Map<string, Set<string>>, value: string, key: string): void {
  const keys = index.get(value) ?? new Set<string>();
  keys.add(key);
  index.set(value, keys);
}

function removeFrom(index: Map<string, Set<string>>, value: string, key: string): void {
  const keys = index.get(value);
  keys?.delete(key);
  if (keys?.size === 0) index.delete(value);
}
