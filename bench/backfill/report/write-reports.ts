import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { BackfillBenchResults } from "../results";
import { renderBackfillMarkdown } from "./markdown";
import { renderPlanningSvg } from "./planning-svg";

export async function writeBackfillReports(
  results: BackfillBenchResults,
  outDir: string,
): Promise<string[]> {
  await mkdir(outDir, { recursive: true });
  const files: [string, string][] = [
    ["backfill.json", `${JSON.stringify(results, null, 2)}\n`],
    ["backfill.md", renderBackfillMarkdown(results)],
    ["backfill.svg", renderPlanningSvg(results)],
  ];
  for (const [name, content] of files) await writeFile(join(outDir, name), content, "utf8");
  return files.map(([name]) => join(outDir, name));
}
