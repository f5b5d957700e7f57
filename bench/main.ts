// `npm run bench`: the login benchmark; `npm run bench -- --backfill`: the backfill benchmark.
export {};

if (process.argv.includes("--backfill")) {
  const { runBackfillBench } = await import("./backfill/run");
  await runBackfillBench(process.argv.slice(2));
} else {
  await import("./run");
}
