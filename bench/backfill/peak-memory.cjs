// Preloaded into the backfill CLI's process by the benchmark (NODE_OPTIONS=--require): on exit,
// appends the process's peak resident memory (kilobytes) to BENCH_PEAK_MEMORY_FILE.
const { appendFileSync } = require("node:fs");

const file = process.env.BENCH_PEAK_MEMORY_FILE;
if (file) {
  process.on("exit", () => appendFileSync(file, `${process.resourceUsage().maxRSS}\n`));
}
