import type { CacheEntry, CacheWriteResult, PostLoginApi } from "../../actions-platform/post-login";

export const maxCacheEntries = 20;
export const maxKeyBytes = 64;
export const maxValueBytes = 4 * 1024;
export const maxTotalBytes = 8 * 1024;
export const defaultTtlMs = 15 * 60 * 1000;
export const maxTtlMs = 24 * 60 * 60 * 1000;

export type CacheErrorCode =
  | "invalid_key"
  | "invalid_value"
  | "invalid_options"
  | "value_too_large"
  | "cache_full";

/** The Action's `api.cache`, and what the runtime does to it between executions. */
export type ActionCache = PostLoginApi["cache"] & {
  /** Drops every entry, as when Auth0 serves the next execution from another instance. */
  evictAll(): void;
};

const success: CacheWriteResult = { type: "success" };
const failure = (code: CacheErrorCode): CacheWriteResult => ({ type: "error", code });
const byteLength = (text: string): number => Buffer.byteLength(text, "utf8");

/**
 * `api.cache` with Auth0's documented limits. Like Auth0's, it never throws: a refused write is a
 * result with a code. Auth0 documents lifetimes as "up to" the one asked for and never beyond
 * 24 hours, so a longer ttl or expires_at is accepted and clamped to 24 hours. The 8 kB budget
 * counts keys and values, as Auth0's limits page words it.
 */
export function createActionCache(clock: () => number = Date.now): ActionCache {
  const entries = new Map<string, CacheEntry>();

  const dropExpired = (): void => {
    const now = clock();
    for (const [key, entry] of entries) {
      if (entry.expires_at <= now) entries.delete(key);
    }
  };

  const totalBytesWithout = (excludedKey: string): number => {
    let total = 0;
    for (const [key, entry] of entries) {
      if (key !== excludedKey) total += byteLength(key) + byteLength(entry.value);
    }
    return total;
  };

  return {
    get(key) {
      dropExpired();
      const entry = entries.get(key);
      return entry ? { ...entry } : undefined;
    },

    set(key, value, options = {}) {
      const keyError = validateKey(key);
      if (keyError) return failure(keyError);
      if (typeof value !== "string") return failure("invalid_value");
      if (byteLength(value) > maxValueBytes) return failure("value_too_large");
      const expiresAt = expiryFor(options, clock());
      if (expiresAt === undefined) return failure("invalid_options");

      dropExpired();
      if (!entries.has(key) && entries.size >= maxCacheEntries) return failure("cache_full");
      if (totalBytesWithout(key) + byteLength(key) + byteLength(value) > maxTotalBytes) {
        return failure("cache_full");
      }
      entries.set(key, { value, expires_at: expiresAt });
      return success;
    },

    delete(key) {
      const keyError = validateKey(key);
      if (keyError) return failure(keyError);
      entries.delete(key);
      return success;
    },

    evictAll() {
      entries.clear();
    },
  };
}

function validateKey(key: unknown): CacheErrorCode | undefined {
  if (typeof key !== "string" || key.length === 0 || byteLength(key) > maxKeyBytes) {
    return "invalid_key";
  }
  return undefined;
}

// Auth0 uses the earlier expiry when both ttl and expires_at are given.
function expiryFor(
  options: { ttl?: number; expires_at?: number },
  now: number,
): number | undefined {
  const { ttl, expires_at: absolute } = options;
  if (ttl !== undefined && !(Number.isFinite(ttl) && ttl > 0)) return undefined;
  if (absolute !== undefined && !(Number.isFinite(absolute) && absolute > now)) return undefined;
  const candidates = [now + maxTtlMs];
  if (ttl !== undefined) candidates.push(now + ttl);
  if (absolute !== undefined) candidates.push(absolute);
  if (ttl === undefined && absolute === undefined) candidates.push(now + defaultTtlMs);
  return Math.min(...candidates);
}
