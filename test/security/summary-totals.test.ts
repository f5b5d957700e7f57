import { expect, it } from "vitest";
import type { SecurityRow } from "./support/security-row";
import { renderMarkdown, totalsOf } from "./support/summary-table";

function row(kind: SecurityRow["kind"], name: string, tried: string, held = true): SecurityRow {
  return { kind, name, tried, outcome: "", held, lostIdentities: 0, lostMetadataKeys: 0 };
}

const rows = [
  row("attack", "nOAuth", "an unlisted directory"),
  row("control", "nOAuth", "control: the listed directory links", false),
  row("attack", "metadata", "a colliding value"),
  row("fault", "lost-link-response", "a lost answer"),
];

it("counts-controls-apart-from-attacks-and-names-attacks-without-one", () => {
  expect(totalsOf(rows)).toMatchObject({
    attacksTried: 2,
    attacksBlocked: 2,
    controlsPlayed: 1,
    controlsLinked: 0,
    attacksWithoutControl: ["metadata"],
    faultsInjected: 1,
  });
});

it("lists-each-control-next-to-its-attack", () => {
  const table = renderMarkdown(rows)
    .split("\n")
    .filter((line) => line.startsWith("| attack") || line.startsWith("| control"));
  expect(table.map((line) => line.split(" | ").slice(0, 2).join(" "))).toEqual([
    "| attack metadata",
    "| attack nOAuth",
    "| control nOAuth",
  ]);
  expect(renderMarkdown(rows)).toContain("linked: 0");
});
