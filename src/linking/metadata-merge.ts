import { type AccountSnapshot, isPlainRecord } from "./account";
import { isLinkRecordsKey } from "./link-records";
import { MARKER_KEY } from "./marker";

export type DropReason = "unsafe_key" | "too_deep" | "too_large" | "unsupported_value";

export interface DroppedKey {
  key: string;
  reason: DropReason;
}

export interface MetadataCarry {
  userMetadata: Record<string, unknown>;
  appMetadata: Record<string, unknown>;
  dropped: DroppedKey[];
  /** Which secondary each carried root key came from, by user id. */
  carriedFrom: { userMetadata: Map<string, string>; appMetadata: Map<string, string> };
}

export const MAX_METADATA_DEPTH = 10;
// Keeps the PATCH that carries metadata small and rejects absurd values rather than moving them.
export const MAX_CARRIED_VALUE_BYTES = 8 * 1024;

const PROTOTYPE_KEYS: ReadonlySet<string> = new Set(["__proto__", "constructor", "prototype"]);

type Copied = { ok: true; value: unknown } | { ok: false; reason: DropReason };

// defineProperty never invokes the `__proto__` setter, so no key can reach a prototype even if a
// guard above were ever loosened.
function defineOwn(target: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(target, key, {
    value,
    enumerable: true,
    writable: true,
    configurable: true,
  });
}

// `depth` counts the objects and arrays around `value`.
function copyJsonValue(value: unknown, depth: number): Copied {
  if (value === null || typeof value === "string" || typeof value === "boolean") {
    return { ok: true, value };
  }
  if (typeof value === "number") {
    return Number.isFinite(value)
      ? { ok: true, value }
      : { ok: false, reason: "unsupported_value" };
  }
  if (typeof value !== "object") {
    return { ok: false, reason: "unsupported_value" };
  }
  if (depth >= MAX_METADATA_DEPTH) {
    return { ok: false, reason: "too_deep" };
  }
  if (Array.isArray(value)) {
    const copy: unknown[] = [];
    for (const item of value) {
      const copied = copyJsonValue(item, depth + 1);
      if (!copied.ok) {
        return copied;
      }
      copy.push(copied.value);
    }
    return { ok: true, value: copy };
  }
  if (!isPlainRecord(value)) {
    return { ok: false, reason: "unsupported_value" };
  }
  const copy: Record<string, unknown> = {};
  for (const key of Object.keys(value)) {
    if (PROTOTYPE_KEYS.has(key)) {
      return { ok: false, reason: "unsafe_key" };
    }
    const copied = copyJsonValue(value[key], depth + 1);
    if (!copied.ok) {
      return copied;
    }
    defineOwn(copy, key, copied.value);
  }
  return { ok: true, value: copy };
}

function copyRootValue(key: string, value: unknown): Copied {
  if (PROTOTYPE_KEYS.has(key)) {
    return { ok: false, reason: "unsafe_key" };
  }
  const copied = copyJsonValue(value, 0);
  if (!copied.ok) {
    return copied;
  }
  const bytes = new TextEncoder().encode(JSON.stringify(copied.value)).length;
  return bytes > MAX_CARRIED_VALUE_BYTES ? { ok: false, reason: "too_large" } : copied;
}

function carryRootKeys(
  primaryMetadata: Record<string, unknown>,
  secondaryMetadata: readonly { userId: string; metadata: Record<string, unknown> }[],
  mayCarry: (key: string) => boolean,
  dropped: DroppedKey[],
  carriedFrom: Map<string, string>,
): Record<string, unknown> {
  const carried: Record<string, unknown> = {};
  for (const { userId, metadata } of secondaryMetadata) {
    for (const key of Object.keys(metadata)) {
      if (!mayCarry(key) || Object.hasOwn(primaryMetadata, key) || Object.hasOwn(carried, key)) {
        continue;
      }
      // A dropped value leaves the key open, so a later secondary's safe value can still fill it.
      const copied = copyRootValue(key, metadata[key]);
      if (copied.ok) {
        defineOwn(carried, key, copied.value);
        carriedFrom.set(key, userId);
      } else {
        dropped.push({ key, reason: copied.reason });
      }
    }
  }
  return carried;
}

// Linking discards a secondary's metadata, so the root keys the primary lacks are carried over
// first. Auth0 merges metadata at the root only, hence whole root values; the primary's win.
export function planMetadataCarry(
  primary: AccountSnapshot,
  secondaries: readonly AccountSnapshot[],
  allowedAppMetadataKeys: readonly string[],
): MetadataCarry {
  const allowed = new Set(allowedAppMetadataKeys);
  allowed.delete(MARKER_KEY);
  const dropped: DroppedKey[] = [];
  const carriedFrom = {
    userMetadata: new Map<string, string>(),
    appMetadata: new Map<string, string>(),
  };
  const userMetadata = carryRootKeys(
    primary.userMetadata,
    secondaries.map(({ userId, userMetadata: metadata }) => ({ userId, metadata })),
    () => true,
    dropped,
    carriedFrom.userMetadata,
  );
  const appMetadata = carryRootKeys(
    primary.appMetadata,
    secondaries.map(({ userId, appMetadata: metadata }) => ({ userId, metadata })),
    (key) => allowed.has(key) && !isLinkRecordsKey(key),
    dropped,
    carriedFrom.appMetadata,
  );
  return { userMetadata, appMetadata, dropped, carriedFrom };
}

export interface MetadataCarryPatch {
  user_metadata?: Record<string, unknown>;
  app_metadata?: Record<string, unknown>;
}

/**
 * The PATCH of the primary that carries `carry`, or nothing when there is nothing to carry: an
 * empty object would wipe the primary's metadata in Auth0, so only what has keys is sent.
 */
export function metadataCarryPatch(carry: MetadataCarry): MetadataCarryPatch | undefined {
  const patch: MetadataCarryPatch = {};
  if (Object.keys(carry.userMetadata).length > 0) patch.user_metadata = carry.userMetadata;
  if (Object.keys(carry.appMetadata).length > 0) patch.app_metadata = carry.appMetadata;
  return patch.user_metadata || patch.app_metadata ? patch : undefined;
}
