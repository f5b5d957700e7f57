import { execFile } from "node:child_process";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterEach, describe, expect, it } from "vitest";
import type { BenchResults } from "../../bench/results";
import { projectRoot } from "../../src/project-root";

const run = promisify(execFile);
let outDir: string | undefined;

afterEach(async () => {
  if (outDir) await rm(outDir, { recursive: true, force: true });
  outDir = undefined;
});

// `npm run bench` end to end on a tiny tenant, its cost phase in two worker processes.
describe("npm run bench", () => {
  it("writes the JSON, Markdown and SVG reports with every target checked", async () => {
    outDir = await mkdtemp(join(tmpdir(), "bench-"));
    const flags = ["--users", "200", "--logins", "1000", "--sample", "10", "--burst", "6"];
    const more = ["--cold-load-runs", "1", "--workers", "2", "--out-dir", outDir];
    await run(process.execPath, ["--import", "tsx", "bench/run.ts", ...flags, ...more], {
      cwd: projectRoot,
    });

    const results = JSON.parse(await readFile(join(outDir, "bench.json"), "utf8")) as BenchResults;
    const ours = results.actions["link-accounts"];
    const baseline = results.actions.baseline;
    expect(results.options).toMatchObject({ users: 200, logins: 1000, workers: 2 });
    expect(ours.cost.workers).toBe(2);
    expect(ours.cost.stream.logins).toBe(1000);
    expect(ours.cost.installPass?.logins).toBe(200);
    expect(baseline.cost.installPass).toBeUndefined();
    expect(ours.latency.byKind.returning.count).toBe(10);
    expect(results.targets.map((target) => target.target)).toHaveLength(5);

    const markdown = await readFile(join(outDir, "bench.md"), "utf8");
    expect(markdown).toContain("| Install pass: requests per 1,000 first logins");
    expect(markdown).toContain("not played");
    expect(markdown).toContain("shared out to 2 processes");
    const svg = await readFile(join(outDir, "latency.svg"), "utf8");
    expect(svg).toMatch(/^<svg[\s\S]*<\/svg>\s*$/);
  }, 180_000);
});
