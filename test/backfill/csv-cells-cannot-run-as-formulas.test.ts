import { mkdtemp, readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect, it } from "vitest";
import { csvCell } from "../../src/backfill/csv-cell";
import type { GroupRecord } from "../../src/backfill/group-record";
import { PlanOutputs } from "../../src/backfill/plan-outputs";

// Metadata keys are chosen by whoever writes the metadata, and groups.csv lists the ones a plan
// leaves behind: a key can begin with anything.
it.each([
  ["equals", "=HYPERLINK(A1)", "'=HYPERLINK(A1)"],
  ["plus", "+1+cmd|' /C calc'!A0", "'+1+cmd|' /C calc'!A0"],
  ["minus", "-2+3", "'-2+3"],
  ["at", "@SUM(A1:A2)", "'@SUM(A1:A2)"],
  ["tab", "\t=1+1", "'\t=1+1"],
  ["carriage-return", "\r=1+1", '"\'\r=1+1"'],
])("a-cell-beginning-with-%s-is-written-after-a-quote", (_name, value, written) => {
  expect(csvCell(value)).toBe(written);
});

it("cells-a-spreadsheet-would-not-run-are-written-as-they-are", () => {
  expect(csvCell("auth0|jane")).toBe("auth0|jane");
  expect(csvCell("a=b+c-d@e")).toBe("a=b+c-d@e");
  expect(csvCell(12)).toBe("12");
  expect(csvCell("a,b")).toBe('"a,b"');
});

it("groups-csv-neutralises-a-metadata-key-that-is-a-formula", async () => {
  const out = await mkdtemp(join(tmpdir(), "backfill-csv-"));
  const outputs = new PlanOutputs(out, (address) => address);
  const record: GroupRecord = {
    group: "0123456789abcdef",
    accounts: 2,
    decision: "link",
    reason: "would_link",
    primary_user_id: "auth0|primary",
    secondary_user_ids: ["google-oauth2|secondary"],
    excluded: [],
    carries_metadata: true,
    dropped_metadata_keys: ["=HYPERLINK(1)"],
    requests: { reads: 4, writes: 3 },
  };

  await outputs.add(record);
  await outputs.close();

  const [, row] = (await readFile(join(out, "groups.csv"), "utf8")).trim().split("\n");
  expect(row?.split(",")[8]).toBe("'=HYPERLINK(1)");
});
