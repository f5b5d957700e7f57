// `npm run local-tenant`: the local tenant on its own, until interrupted, for an application or
// a script to be pointed at before a real tenant.
import { execFileSync } from "node:child_process";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { checkLocalTenantFlags, localTenantUsage } from "../src/local-tenant/cli/flags";
import { loadCheckedSeed } from "../src/local-tenant/cli/load-seed";
import { rateLimitPlans } from "../src/local-tenant/cli/rate-limit-plans";
import { describeForPeople, summarize } from "../src/local-tenant/cli/summary";
import { startLocalTenant } from "../src/local-tenant/local-tenant";
import { defaultAuthenticationRateLimit } from "../src/local-tenant/management-api";
import { writeCertificateAuthorityFile } from "../src/local-tenant/trust";
import { projectRoot } from "../src/project-root";

function fail(problems: readonly string[], exitCode: number): never {
  for (const problem of problems) console.error(problem);
  console.error(`\n${localTenantUsage}`);
  process.exit(exitCode);
}

function keepStdoutToTheSummary(): void {
  const toStderr = (...args: unknown[]) => console.error(...args);
  console.log = toStderr;
  console.info = toStderr;
  console.debug = toStderr;
  process.stdout.write = ((chunk: string | Uint8Array, ...rest: unknown[]) =>
    (process.stderr.write as (...args: unknown[]) => boolean)(
      chunk,
      ...rest,
    )) as typeof process.stdout.write;
}

async function main(): Promise<void> {
  const checked = checkLocalTenantFlags(process.argv.slice(2));
  if (!checked.ok) fail(checked.problems, 2);
  const { flags } = checked;
  if (flags.help) {
    console.log(localTenantUsage);
    return;
  }
  const seed = await loadCheckedSeed(flags.seedPath);
  if (!seed.ok) fail(seed.problems, 2);

  // The Action runs as built from src/action, as `npm start` runs it; the build's report goes to
  // stderr so that --json keeps stdout to one line.
  execFileSync(process.execPath, ["scripts/build.mjs"], {
    cwd: projectRoot,
    stdio: ["ignore", 2, 2],
  });
  const limit = rateLimitPlans[flags.rateLimit];
  let tenant: Awaited<ReturnType<typeof startLocalTenant>>;
  try {
    tenant = await startLocalTenant({
      seed: seed.seed,
      port: flags.port,
      rateLimit: limit,
      tokenRateLimit: limit === false ? false : defaultAuthenticationRateLimit,
      loginSide: true,
    });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "EADDRINUSE") {
      fail([`--port: ${flags.port} is already in use`], 1);
    }
    throw error;
  }
  const caPath = await writeCertificateAuthorityFile(
    tenant.api.caPem,
    join(tmpdir(), "auth0-account-linking"),
  );
  const summary = summarize(seed.seed, tenant.api.origin, caPath, flags.rateLimit);
  console.log(flags.json ? JSON.stringify(summary) : describeForPeople(summary));
  // With --json, stdout is the one line above for a program to read: whatever prints later
  // (oidc-provider's notices, a library's console.log) goes to stderr.
  if (flags.json) keepStdoutToTheSummary();

  const stop = async () => {
    await tenant.close();
    process.exit(0);
  };
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
}

await main();
