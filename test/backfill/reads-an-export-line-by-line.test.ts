import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { expect, it } from "vitest";
import { parseGroup, readGroups } from "../../src/backfill/read-groups";
import { rootEmail } from "../../src/backfill/root-email";
import { scanSharedAddresses } from "../../src/backfill/scan-shared-addresses";

const user = (id: string, email: unknown, extra = "") =>
  `{"user_id":"auth0|${id}","email":${JSON.stringify(email)},"email_verified":true,"identities":[{"provider":"auth0","user_id":"${id}","connection":"db"}]${extra}}`;

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
    `{"user_id":"auth0|f","identities":[],"user_metadata":{"email":"bob@example.com"}}`,
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
  expect(ann.members.map((account) => account.userId)).toEqual(["auth0|a", "auth0|b"]);
});

it("takes-the-root-address-only-when-certain-and-parses-otherwise", () => {
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
