/** `control`: an attack's setup where linking is right; it holds only if the link was made. */
export type CaseKind = "attack" | "control" | "fault";

/**
 * One line of the summary: what was tried against the Action and whether its guarantees held (for
 * a control: whether it linked as it must).
 */
export interface SecurityRow {
  kind: CaseKind;
  /** The attack or fault, as its test file is named. */
  name: string;
  tried: string;
  outcome: string;
  held: boolean;
  lostIdentities: number;
  lostMetadataKeys: number;
}

export function parseRows(jsonLines: string): SecurityRow[] {
  return jsonLines
    .split("\n")
    .filter((line) => line.trim() !== "")
    .map((line) => JSON.parse(line) as SecurityRow);
}

export function sortRows(rows: readonly SecurityRow[]): SecurityRow[] {
  // An attack's controls sit next to its cases: attacks and controls first, then faults.
  const key = (row: SecurityRow) =>
    `${row.kind === "fault" ? 1 : 0}\u0000${row.name}\u0000${row.kind}\u0000${row.tried}`;
  return [...rows].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
}
