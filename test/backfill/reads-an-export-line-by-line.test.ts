import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { expect, it } from "vitest";
import { forEachLine } from "../../src/backfill/ndjson-lines";
import { parseGroup, readGroups } from "../../src/backfill/read-groups";
import { rootEmail as rootEmailOfLine } from "../../src/backfill/root-email";
import { scanSharedAddresses } from "../../src/backfill/scan-shared-addresses";

// Social accounts: a provider may send capitals, while Auth0 stores a database's addresses in
// lower case.
const user = (id: string, email: unknown, extra = "") =>
  `{"user_id":"google-oauth2|${id}","email":${JSON.stringify(email)},"email_verified":true,"identities":[{"provider":"google-oauth2","user_id":"${id}","connection":"google-oauth2"}]${extra}}`;

it("groups-lines-by-folded-address-and-counts-what-it-cannot-read", async () => {
  const lines = [
    user("a", "Ann@Example.com"),
    user("b", "ann@example.com"),
    "not json at all",
    "[1,2,3]",
    user("c", null),
    // Whole JSON up to the address, then cut off: the first pass takes it, the second cannot.
    `${user("d", "ann@example.com").slice(0, 60)}`,
    "",
    user("e", "bob@example.com"),
    // The address in a nested object is not the account's.
    `{"user_id":"google-oauth2|f","identities":[],"user_metadata":{"email":"bob@example.com"}}`,
    // Only ASCII letters fold, as the Action compares: these are two addresses.
    user("g", "zoë@example.com"),
    user("h", "ZOË@example.com"),
  ];
  const dir = await mkdtemp(join(tmpdir(), "backfill-lines-"));
  const path = join(dir, "export.json.gz");
  await writeFile(path, gzipSync(`${lines.join("\n")}\n`));

  const scan = await scanSharedAddresses(path);
  const { groups, malformed } = await readGroups(path, scan.sharedLines);

  expect(scan).toMatchObject({ lines: 11, unreadable: 2, withoutEmail: 2 });
  expect(malformed).toBe(0);
  expect([...groups.keys()]).toEqual(["ann@example.com"]);
  const ann = parseGroup(groups.get("ann@example.com") ?? []);
  expect(ann.malformed).toBe(1);
  expect(ann.members.map((account) => account.userId)).toEqual([
    "google-oauth2|a",
    "google-oauth2|b",
  ]);
});

it("takes-the-root-address-only-when-certain-and-parses-otherwise", () => {
  const rootEmail = (line: string) => rootEmailOfLine(Buffer.from(line, "utf8"));
  expect(rootEmail(user("a", "a@example.com"))).toBe("a@example.com");
  expect(
    rootEmail(`{"identities":[{"profileData":{"email":"x@example.com"}}],"email":"a@example.com"}`),
  ).toBe("a@example.com");
  expect(rootEmail(`{"email":"a\\u0040example.com"}`)).toBe("a@example.com");
  expect(rootEmail(`{"email":"first@example.com","email":"last@example.com"}`)).toBe(
    "last@example.com",
  );
  expect(rootEmail(`{ "email" : "spaced@example.com" }`)).toBe("spaced@example.com");
  expect(rootEmail(`{"name":"{","email":"a@example.com"}`)).toBe("a@example.com");
  expect(rootEmail(`{"email":null}`)).toBeUndefined();
  expect(rootEmail(`"just a string"`)).toBeNull();
});

it("reads-lines-across-chunk-boundaries-whatever-their-length-and-line-endings", async () => {
  // Lines of every length around the megabyte chunk, non-ASCII letters astride the boundaries,
  // CRLF endings and no final newline: each line must come back whole and in order.
  const padding = (length: number) => "ë".repeat(length);
  const lines = [
    user("a", "ann@example.com", `,"user_metadata":{"note":"${padding(300_000)}"}`),
    user("b", "Ann@Example.com", `,"user_metadata":{"note":"${padding(700_001)}"}`),
    user("c", "bob@example.com", `,"user_metadata":{"note":"${padding(1_500_003)}"}`),
    " \t",
    user("d", "BOB@example.com"),
  ];
  const dir = await mkdtemp(join(tmpdir(), "backfill-chunks-"));
  const path = join(dir, "export.json");
  await writeFile(path, lines.join("\r\n"));

  const seen: string[] = [];
  const count = await forEachLine(path, (line, index) => {
    seen.push(`${index}:${line.toString("utf8")}`);
  });

  expect(count).toBe(5);
  expect(seen).toEqual(
    lines.flatMap((line, index) =>
      line.trim() === "" ? [] : [`${index}:${line}${index < lines.length - 1 ? "\r" : ""}`],
    ),
  );
  const scan = await scanSharedAddresses(path);
  const { groups } = await readGroups(path, scan.sharedLines);
  expect([...groups.keys()].sort()).toEqual(["ann@example.com", "bob@example.com"]);
  expect(parseGroup(groups.get("bob@example.com") ?? []).members.map((m) => m.userId)).toEqual([
    "google-oauth2|c",
    "google-oauth2|d",
  ]);
});

it("groups-an-address-the-same-whether-read-from-bytes-or-parsed", async () => {
  // The second line's address is escaped, so only JSON.parse reads it: it must still be found
  // to share the first line's address, and the look-alike must not.
  const lines = [
    user("a", "zoë@example.com"),
    `{"user_id":"google-oauth2|b","email":"Zo\\u00eb@example.com","email_verified":true,"identities":[]}`,
    user("c", "zoe@example.com"),
  ];
  const dir = await mkdtemp(join(tmpdir(), "backfill-escaped-"));
  const path = join(dir, "export.json");
  await writeFile(path, `${lines.join("\n")}\n`);

  const scan = await scanSharedAddresses(path);
  const { groups } = await readGroups(path, scan.sharedLines);

  expect(scan.sharedLines.size).toBe(2);
  expect([...groups.keys()]).toEqual(["zoë@example.com"]);
});
