import { describe, expect, it } from "vitest";
import { MARKER_KEY } from "../../src/linking/marker";
import { planMetadataCarry } from "../../src/linking/metadata-merge";
import { account } from "./account-fixtures";

function nested(depth: number): unknown {
  let value: unknown = "leaf";
  for (let level = 0; level < depth; level++) {
    value = { level: value };
  }
  return value;
}

describe("planMetadataCarry", () => {
  it("carries-user-metadata-keys-the-primary-lacks", () => {
    const primary = account("auth0|p", { userMetadata: { theme: "dark" } });
    const secondary = account("google-oauth2|s", {
      userMetadata: { theme: "light", locale: "fr", favourites: [1, { a: null }] },
    });
    const carry = planMetadataCarry(primary, [secondary], []);
    expect(carry.userMetadata).toEqual({ locale: "fr", favourites: [1, { a: null }] });
    expect(carry.dropped).toEqual([]);
  });

  it("lets-the-first-secondary-win-a-key-several-have", () => {
    const primary = account("auth0|p");
    const first = account("auth0|a", { userMetadata: { locale: "fr" } });
    const second = account("auth0|b", { userMetadata: { locale: "de", tz: "CET" } });
    expect(planMetadataCarry(primary, [first, second], []).userMetadata).toEqual({
      locale: "fr",
      tz: "CET",
    });
  });

  it("keeps-the-primary-value-even-when-it-is-null-or-empty", () => {
    const primary = account("auth0|p", { userMetadata: { locale: null, tags: [] } });
    const secondary = account("auth0|s", { userMetadata: { locale: "fr", tags: ["x"] } });
    expect(planMetadataCarry(primary, [secondary], []).userMetadata).toEqual({});
  });

  it("deep-copies-carried-values", () => {
    const original = { address: { city: "Lyon" } };
    const secondary = account("auth0|s", { userMetadata: original });
    const carried = planMetadataCarry(account("auth0|p"), [secondary], []).userMetadata;
    expect(carried.address).toEqual({ city: "Lyon" });
    expect(carried.address).not.toBe(original.address);
  });

  it("carries-no-app-metadata-by-default-so-roles-do-not-travel", () => {
    const secondary = account("auth0|s", { appMetadata: { roles: ["admin"], plan: "pro" } });
    expect(planMetadataCarry(account("auth0|p"), [secondary], []).appMetadata).toEqual({});
  });

  it("carries-only-allowed-app-metadata-keys", () => {
    const secondary = account("auth0|s", { appMetadata: { roles: ["admin"], plan: "pro" } });
    expect(planMetadataCarry(account("auth0|p"), [secondary], ["plan"]).appMetadata).toEqual({
      plan: "pro",
    });
  });

  it("never-carries-the-marker-even-if-allowed", () => {
    const secondary = account("auth0|s", {
      appMetadata: { [MARKER_KEY]: { v: 1, email_hash: "x", checked_at: "y" } },
    });
    expect(planMetadataCarry(account("auth0|p"), [secondary], [MARKER_KEY]).appMetadata).toEqual(
      {},
    );
  });

  it("keeps-the-primary-app-metadata-value", () => {
    const primary = account("auth0|p", { appMetadata: { plan: "free" } });
    const secondary = account("auth0|s", { appMetadata: { plan: "pro" } });
    expect(planMetadataCarry(primary, [secondary], ["plan"]).appMetadata).toEqual({});
  });

  it("returns-empty-objects-when-nothing-is-carried", () => {
    const carry = planMetadataCarry(account("auth0|p"), [account("auth0|s")], ["plan"]);
    expect(carry).toEqual({
      userMetadata: {},
      appMetadata: {},
      dropped: [],
      carriedFrom: { userMetadata: new Map(), appMetadata: new Map() },
    });
  });

  it("drops-a-root-key-named-__proto__-without-polluting-any-prototype", () => {
    const userMetadata = JSON.parse('{"__proto__": {"isAdmin": true}, "locale": "fr"}');
    const secondary = account("auth0|s", { userMetadata });
    const carry = planMetadataCarry(account("auth0|p"), [secondary], []);
    expect(Object.keys(carry.userMetadata)).toEqual(["locale"]);
    expect(carry.dropped).toEqual([{ key: "__proto__", reason: "unsafe_key" }]);
    expect(({} as Record<string, unknown>).isAdmin).toBeUndefined();
    expect(Object.getPrototypeOf(carry.userMetadata)).toBe(Object.prototype);
  });

  it.each([
    ["a nested __proto__", '{"prefs": {"a": {"__proto__": {"polluted": true}}}}'],
    ["a nested constructor", '{"prefs": {"constructor": {"prototype": {"polluted": true}}}}'],
    ["a prototype key inside an array", '{"prefs": [{"prototype": 1}]}'],
  ])("drops-a-root-key-hiding-an-unsafe-key-at-depth: %s", (_case, json) => {
    const secondary = account("auth0|s", { userMetadata: JSON.parse(json) });
    const carry = planMetadataCarry(account("auth0|p"), [secondary], []);
    expect(carry.userMetadata).toEqual({});
    expect(carry.dropped).toEqual([{ key: "prefs", reason: "unsafe_key" }]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it("carries-ten-levels-of-nesting-and-drops-eleven-as-too-deep", () => {
    const secondary = account("auth0|s", {
      userMetadata: { shallow: nested(10), deep: nested(11), deepArray: [[[[[[[[[[[1]]]]]]]]]]] },
    });
    const carry = planMetadataCarry(account("auth0|p"), [secondary], []);
    expect(carry.userMetadata).toEqual({ shallow: nested(10) });
    expect(carry.dropped).toEqual([
      { key: "deep", reason: "too_deep" },
      { key: "deepArray", reason: "too_deep" },
    ]);
  });

  it("drops-a-cyclic-value-as-too-deep-instead-of-looping", () => {
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    const secondary = account("auth0|s", { userMetadata: { cyclic } });
    expect(planMetadataCarry(account("auth0|p"), [secondary], []).dropped).toEqual([
      { key: "cyclic", reason: "too_deep" },
    ]);
  });

  it("drops-a-root-value-over-8-kb", () => {
    const secondary = account("auth0|s", {
      userMetadata: { fits: "x".repeat(8 * 1024 - 2), huge: "x".repeat(8 * 1024 - 1) },
    });
    const carry = planMetadataCarry(account("auth0|p"), [secondary], []);
    expect(Object.keys(carry.userMetadata)).toEqual(["fits"]);
    expect(carry.dropped).toEqual([{ key: "huge", reason: "too_large" }]);
  });

  it("measures-size-in-utf-8-bytes", () => {
    const secondary = account("auth0|s", { userMetadata: { emoji: "é".repeat(4096) } });
    expect(planMetadataCarry(account("auth0|p"), [secondary], []).dropped).toEqual([
      { key: "emoji", reason: "too_large" },
    ]);
  });

  it("drops-values-json-cannot-carry", () => {
    const secondary = account("auth0|s", {
      userMetadata: { when: new Date(0), big: 1n, fn: () => 1, nan: Number.NaN, gone: undefined },
    });
    const carry = planMetadataCarry(account("auth0|p"), [secondary], []);
    expect(carry.userMetadata).toEqual({});
    expect(carry.dropped.map((drop) => drop.reason)).toEqual(Array(5).fill("unsupported_value"));
  });

  it("fills-a-key-dropped-from-one-secondary-from-a-later-one", () => {
    const unsafe = account("auth0|a", { userMetadata: JSON.parse('{"prefs": {"__proto__": 1}}') });
    const safe = account("auth0|b", { userMetadata: { prefs: { theme: "dark" } } });
    const carry = planMetadataCarry(account("auth0|p"), [unsafe, safe], []);
    expect(carry.userMetadata).toEqual({ prefs: { theme: "dark" } });
    expect(carry.dropped).toEqual([{ key: "prefs", reason: "unsafe_key" }]);
  });
});
