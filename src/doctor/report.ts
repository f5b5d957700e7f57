export type CheckStatus = "pass" | "warn" | "fail";

/** One line of the doctor's table: never a secret, a token or an address. */
export interface CheckRow {
  /** What was checked, e.g. `scope read:roles (Action)`. */
  check: string;
  status: CheckStatus;
  /** What was found. */
  detail: string;
  /** How to fix it; empty on a pass. */
  fix: string;
}

export const pass = (check: string, detail: string): CheckRow => ({
  check,
  status: "pass",
  detail,
  fix: "",
});
export const warn = (check: string, detail: string, fix: string): CheckRow => ({
  check,
  status: "warn",
  detail,
  fix,
});
export const fail = (check: string, detail: string, fix: string): CheckRow => ({
  check,
  status: "fail",
  detail,
  fix,
});

export function exitCodeOf(rows: readonly CheckRow[]): number {
  return rows.some(({ status }) => status === "fail") ? 1 : 0;
}

export function renderTable(rows: readonly CheckRow[]): string {
  const width = Math.max(...rows.map(({ check }) => check.length), 5);
  const lines = rows.map((row) => {
    const head = `${row.status.toUpperCase().padEnd(4)}  ${row.check.padEnd(width)}  ${row.detail}`;
    return row.fix === "" ? head : `${head}\n${" ".repeat(width + 8)}fix: ${row.fix}`;
  });
  const count = (status: CheckRow["status"]) => rows.filter((row) => row.status === status).length;
  return [
    ...lines,
    "",
    `${count("pass")} passed, ${count("warn")} warnings, ${count("fail")} failed`,
  ].join("\n");
}
