// Preloaded into the backfill CLI's process by the benchmark (NODE_OPTIONS=--require): on exit,
// appends the process's peak resident memory (kilobytes) and the CPU time it used (user and
// system, microseconds) to BENCH_PEAK_MEMORY_FILE, one JSON line. CPU time says how much work a
// run was when the machine is shared and wall time mostly says how busy it was.
const { appendFileSync } = require("node:fs");

const file = process.env.BENCH_PEAK_MEMORY_FILE;
if (file) {
  process.on("exit", () => {
    const usage = process.resourceUsage();
    const line = { maxRssKb: usage.maxRSS, cpuMicros: usage.userCPUTime + usage.systemCPUTime };
    appendFileSync(file, `${JSON.stringify(line)}\n`);
  });
}
