import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { BenchResults } from "../results";
import { renderLatencySvg } from "./latency-svg";
import { renderMarkdown } from "./markdown";

export async function writeReports(results: BenchResults, outDir: string): Promise<string[]> {
  await mkdir(outDir, { recursive: true });
  const files: [string, string][] = [
    ["bench.json", `${JSON.stringify(results, null, 2)}\n`],
    ["bench.md", renderMarkdown(results)],
    ["latency.svg", renderLatencySvg(results)],
  ];
  for (const [name, content] of files) await writeFile(join(outDir, name), content, "utf8");
  return files.map(([name]) => join(outDir, name));
}
