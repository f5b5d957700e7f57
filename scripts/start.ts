// `npm start`: the Action at work on a local tenant, with no Auth0 account and no configuration.
import { readFile } from "node:fs/promises";
import { resolve } from "node:path";
import { parseArgs } from "node:util";
import { readCommandLine } from "../src/cli/usage-exit";
import { deployToLocalTenant } from "../src/deploy/deploy-to-local-tenant";
import { startLocalTenant } from "../src/local-tenant/local-tenant";
import { formatTable } from "../src/local-tenant/story/format-table";
import { playScenario } from "../src/local-tenant/story/play-scenario";
import { playPromptedStory } from "../src/local-tenant/story/prompted-story";
import { parseScenario } from "../src/local-tenant/story/scenario";

const usage = `Usage: npm start -- [--scenario FILE] [--set KEY=VALUE ...] [--browser [--headed]]

  --scenario FILE   play your own story (JSON; see src/local-tenant/story/demo-story.json)
  --set KEY=VALUE   an Action setting from tenant.yaml, e.g. --set LINKING_MODE=dry-run
                    or --set TRUSTED_CONNECTIONS=acme-okta,google-oauth2
  --browser         play the prompted-linking story in Chromium (/usr/bin/chromium) and save a
                    screenshot of each page under reports/prompted-linking/
  --headed          with --browser: show the browser window instead of running it headless`;

const screenshotsDir = resolve(import.meta.dirname, "../reports/prompted-linking");

const defaultScenario = resolve(import.meta.dirname, "../src/local-tenant/story/demo-story.json");

function readSettings(pairs: string[]): Record<string, string> {
  return Object.fromEntries(
    pairs.map((pair) => {
      const at = pair.indexOf("=");
      if (at <= 0) throw new Error(`--set takes KEY=VALUE, got "${pair}"`);
      return [pair.slice(0, at), pair.slice(at + 1)];
    }),
  );
}

async function main(): Promise<void> {
  const { values, set } = readCommandLine(() => {
    const { values } = parseArgs({
      options: {
        scenario: { type: "string" },
        set: { type: "string", multiple: true, default: [] },
        browser: { type: "boolean", default: false },
        headed: { type: "boolean", default: false },
        help: { type: "boolean", short: "h" },
      },
    });
    return { values, set: readSettings(values.set) };
  }, usage);
  if (values.help) {
    console.log(usage);
    return;
  }
  const scenario = parseScenario(
    JSON.parse(await readFile(values.scenario ?? defaultScenario, "utf8")),
  );
  const settings = { ...scenario.settings, ...set };
  const tenant = await startLocalTenant({ settings, source: "deployed" });
  try {
    console.log(`Local tenant on https://${tenant.api.domain}`);
    console.log(
      "Deploying tenant.yaml with auth0-deploy-cli, as a tenant's pipeline would (about 30 s)...",
    );
    const deployment = await deployToLocalTenant(tenant, { settings });
    if (!deployment.ok)
      throw new Error(`deploy failed (${deployment.code}): ${deployment.message}`);
    console.log(`Deployed ${tenant.deployed.name} and bound it to post-login.`);
    // The story's counts are the Action's own requests, not the deploy's.
    tenant.api.requestLog.clear();
    console.log(`\n${scenario.title}\n`);
    const outcomes = await playScenario(tenant, scenario);
    console.log(
      formatTable(
        ["#", "step", "session ends as", "outcome", "reason", "API calls"],
        outcomes.map((o) => [
          String(o.step),
          o.title,
          o.session,
          o.outcome,
          o.reason,
          String(o.managementApiCalls),
        ]),
      ),
    );
    const counts = tenant.api.requestLog.countByEndpoint();
    console.log("\nManagement API requests made by the Action during the story");
    console.log(
      formatTable(
        ["endpoint", "requests"],
        Object.entries(counts).map(([endpoint, count]) => [endpoint, String(count)]),
      ),
    );
  } finally {
    await tenant.close();
  }
  await playPromptedStoryAndPrint(values.browser, values.headed);
}

async function playPromptedStoryAndPrint(browser: boolean, headed: boolean): Promise<void> {
  console.log(
    `\nPrompted linking (PROMPTED_LINKING=on): the person proves they own the other account by signing in to it${browser ? ", in Chromium" : ""}\n`,
  );
  const outcomes = await playPromptedStory(
    browser ? { browser: { headless: !headed, screenshotsDir } } : {},
  );
  console.log(
    formatTable(
      ["#", "step", "what the person sees", "the Action's log lines"],
      outcomes.map((o) => [String(o.step), o.title, o.seen, o.action]),
    ),
  );
  if (browser) console.log(`\nScreenshots: ${screenshotsDir}`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
