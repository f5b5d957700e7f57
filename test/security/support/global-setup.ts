import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { TestProject } from "vitest/node";
import { parseRows } from "./security-row";
import { renderConsole, renderMarkdown } from "./summary-table";

/** Where `npm run security-report` wants the Markdown report; unset, only the console gets it. */
export const reportPathVariable = "SECURITY_REPORT_PATH";

// Test files run in parallel workers, so each appends its rows to one file and the summary is
// made here, once every worker is done.
export default function setup(project: TestProject) {
  const folder = mkdtempSync(join(tmpdir(), "security-rows-"));
  const rowsFile = join(folder, "rows.jsonl");
  writeFileSync(rowsFile, "");
  project.provide("securityRowsFile", rowsFile);

  return () => {
    const rows = parseRows(readFileSync(rowsFile, "utf8"));
    rmSync(folder, { recursive: true, force: true });
    if (rows.length === 0) return;
    console.log(renderConsole(rows));
    const reportPath = process.env[reportPathVariable];
    if (reportPath) writeFileSync(reportPath, renderMarkdown(rows));
  };
}
