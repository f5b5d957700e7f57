import { describe, expect, it } from "vitest";
import {
  createActionCache,
  defaultTtlMs,
  maxTtlMs,
} from "../../../src/local-tenant/runtime/action-cache";

const start = Date.UTC(2025, 0, 1);

function cacheWithClock() {
  const clock = { now: start };
  return { clock, cache: createActionCache(() => clock.now) };
}

describe("api.cache limits", () => {
  it("refuses-a-21st-entry-with-cache_full-but-accepts-overwriting-an-existing-key", () => {
    const { cache } = cacheWithClock();
    for (let index = 0; index < 20; index += 1) {
      expect(cache.set(`key-${index}`, "v")).toEqual({ type: "success" });
    }
    expect(cache.set("key-20", "v")).toEqual({ type: "error", code: "cache_full" });
    expect(cache.set("key-0", "w")).toEqual({ type: "success" });
  });

  it("accepts-a-64-byte-key-and-refuses-a-65-byte-key", () => {
    const { cache } = cacheWithClock();
    expect(cache.set("k".repeat(64), "v")).toEqual({ type: "success" });
    expect(cache.set("k".repeat(65), "v")).toEqual({ type: "error", code: "invalid_key" });
  });

  it("counts-key-length-in-bytes-not-characters", () => {
    const { cache } = cacheWithClock();
    expect(cache.set("é".repeat(33), "v")).toEqual({ type: "error", code: "invalid_key" });
  });

  it("accepts-a-4-kB-value-and-refuses-one-byte-more", () => {
    const { cache } = cacheWithClock();
    expect(cache.set("a", "x".repeat(4096))).toEqual({ type: "success" });
    expect(cache.set("b", "x".repeat(4097))).toEqual({ type: "error", code: "value_too_large" });
  });

  it("refuses-a-write-that-would-take-keys-and-values-over-8-kB-in-total", () => {
    const { cache } = cacheWithClock();
    expect(cache.set("a", "x".repeat(4095))).toEqual({ type: "success" });
    expect(cache.set("b", "x".repeat(4095))).toEqual({ type: "success" });
    expect(cache.set("c", "x".repeat(10))).toEqual({ type: "error", code: "cache_full" });
    expect(cache.delete("a")).toEqual({ type: "success" });
    expect(cache.set("c", "x".repeat(10))).toEqual({ type: "success" });
  });

  it("refuses-non-string-values-without-throwing", () => {
    const { cache } = cacheWithClock();
    expect(cache.set("a", 42 as unknown as string)).toEqual({
      type: "error",
      code: "invalid_value",
    });
  });
});

describe("api.cache lifetimes", () => {
  it("expires-after-the-default-15-minutes", () => {
    const { cache, clock } = cacheWithClock();
    cache.set("token", "abc");
    expect(cache.get("token")).toEqual({ value: "abc", expires_at: start + defaultTtlMs });
    clock.now = start + defaultTtlMs - 1;
    expect(cache.get("token")?.value).toBe("abc");
    clock.now = start + defaultTtlMs;
    expect(cache.get("token")).toBeUndefined();
  });

  it("honours-ttl-and-expires_at-taking-the-earlier-when-both-are-given", () => {
    const { cache } = cacheWithClock();
    cache.set("ttl", "v", { ttl: 1000 });
    cache.set("absolute", "v", { expires_at: start + 2000 });
    cache.set("both", "v", { ttl: 5000, expires_at: start + 3000 });
    expect(cache.get("ttl")?.expires_at).toBe(start + 1000);
    expect(cache.get("absolute")?.expires_at).toBe(start + 2000);
    expect(cache.get("both")?.expires_at).toBe(start + 3000);
  });

  it("clamps-a-lifetime-over-24-hours-to-24-hours", () => {
    const { cache } = cacheWithClock();
    expect(cache.set("long", "v", { ttl: 2 * maxTtlMs })).toEqual({ type: "success" });
    expect(cache.set("far", "v", { expires_at: start + 3 * maxTtlMs })).toEqual({
      type: "success",
    });
    expect(cache.get("long")?.expires_at).toBe(start + maxTtlMs);
    expect(cache.get("far")?.expires_at).toBe(start + maxTtlMs);
  });

  it("refuses-a-non-positive-ttl-or-a-past-expires_at", () => {
    const { cache } = cacheWithClock();
    expect(cache.set("a", "v", { ttl: 0 })).toEqual({ type: "error", code: "invalid_options" });
    expect(cache.set("a", "v", { expires_at: start - 1 })).toEqual({
      type: "error",
      code: "invalid_options",
    });
  });

  it("frees-the-room-of-expired-entries", () => {
    const { cache, clock } = cacheWithClock();
    for (let index = 0; index < 20; index += 1) cache.set(`key-${index}`, "v", { ttl: 1000 });
    clock.now = start + 1000;
    expect(cache.set("fresh", "v")).toEqual({ type: "success" });
  });

  it("evictAll-empties-the-cache-like-a-new-instance", () => {
    const { cache } = cacheWithClock();
    cache.set("a", "v");
    cache.evictAll();
    expect(cache.get("a")).toBeUndefined();
  });
});
