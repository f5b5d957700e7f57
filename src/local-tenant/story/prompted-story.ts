import { startBrowserStory } from "../browser/browser-story";
import { startTestApp, type TestApp } from "../browser/test-app";
import {
  appClientName,
  type LocalTenant,
  loadDemoSeed,
  promptClientName,
  startLocalTenant,
} from "../local-tenant";
import { defaultLocalPassword } from "../login-side/database-credentials";
import type { StoredUser, TenantSeed } from "../tenant-state";
import { recordLinkingLines } from "./action-lines";
import { browserPerson, databaseConnection, httpPerson, type Person } from "./prompted-people";

export interface PromptedStepOutcome {
  step: number;
  title: string;
  /** What the person was shown or what the application received. */
  seen: string;
  /** The Action's log lines of the step: outcome/reason, in order. */
  action: string;
}

export interface PromptedStoryOptions {
  /** Drive Chromium instead of plain HTTPS, saving a screenshot of each page. */
  browser?: { headless: boolean; screenshotsDir: string };
}

function databaseAccount(name: string): StoredUser {
  return {
    user_id: `auth0|${name}`,
    email: `${name}@example.com`,
    email_verified: true,
    created_at: "2024-01-01T00:00:00.000Z",
    updated_at: "2024-01-01T00:00:00.000Z",
    identities: [
      { provider: "auth0", user_id: name, connection: databaseConnection, isSocial: false },
    ],
    app_metadata: {},
    user_metadata: {},
  };
}

interface Stage {
  tenant: LocalTenant;
  app: TestApp;
  newPerson(): Promise<Person>;
  close(): Promise<void>;
}

function promptSettings(seed: TenantSeed): Record<string, string> {
  const client = seed.clients.find(({ name }) => name === promptClientName);
  if (!client) throw new Error(`the seed has no "${promptClientName}" client`);
  return {
    PROMPTED_LINKING: "on",
    PROMPT_CLIENT_ID: client.client_id,
    PROMPT_CLIENT_SECRET: client.client_secret,
  };
}

async function startStage(seed: TenantSeed, options: PromptedStoryOptions): Promise<Stage> {
  const settings = promptSettings(seed);
  if (options.browser) {
    const { screenshotsDir, headless } = options.browser;
    const story = await startBrowserStory({ seed, settings, headless });
    return {
      tenant: story.tenant,
      app: story.app,
      // Each person on a browser of their own: nobody inherits the previous one's session.
      newPerson: async () => {
        await story.browser.context.clearCookies();
        return browserPerson(await story.newPage(), screenshotsDir);
      },
      close: () => story.close(),
    };
  }
  const appClient = seed.clients.find(({ name }) => name === appClientName);
  if (!appClient) throw new Error(`the seed has no "${appClientName}" client`);
  const app = await startTestApp(appClient);
  const tenant = await startLocalTenant({
    seed,
    settings,
    loginSide: { callbacks: { [appClient.client_id]: [app.callbackUrl] } },
  }).catch(async (thrown: unknown) => {
    await app.close();
    throw thrown;
  });
  app.useTenant(tenant.api.origin);
  return {
    tenant,
    app,
    newPerson: async () => httpPerson(),
    close: async () => {
      await tenant.close();
      await app.close();
    },
  };
}

/**
 * The prompted-linking story on a local tenant with its login side: Jane links her Okta login by
 * signing in to her database account; John says "Not now" and is not asked again.
 */
export async function playPromptedStory(
  options: PromptedStoryOptions = {},
): Promise<PromptedStepOutcome[]> {
  const seed = {
    ...(await loadDemoSeed({ withUsers: false })),
    users: [databaseAccount("jane"), databaseAccount("john")],
  };
  const stage = await startStage(seed, options);
  try {
    const lines = recordLinkingLines(stage.tenant);
    const outcomes: PromptedStepOutcome[] = [];
    const step = async (title: string, act: () => Promise<string>) => {
      const from = lines.length;
      const seen = await act();
      outcomes.push({
        step: outcomes.length + 1,
        title,
        seen,
        action: lines
          .slice(from)
          .map(
            (line) =>
              `${String(line.outcome)}/${String(line.reason)}${line.prompt ? ` (${String(line.prompt)})` : ""}`,
          )
          .join(", "),
      });
    };
    const loginUrl = stage.app.loginUrl({ connection: "acme-okta" });
    const seenAfterOkta = async (person: Person) =>
      (await person.isOnDatabaseSignIn())
        ? "the database sign-in, address pre-filled"
        : applicationSaw(stage.app);

    const jane = await stage.newPerson();
    await step("Jane signs in to the app through Okta (not trusted for email)", async () => {
      await jane.open(loginUrl);
      await jane.capture("01-okta-sign-in");
      await jane.signInWithOkta("okta-jane", "jane@example.com");
      await jane.capture("02-jane-sent-to-database-sign-in");
      return seenAfterOkta(jane);
    });
    await step("Jane signs in to her database account", async () => {
      await jane.signInWithPassword(defaultLocalPassword);
      await jane.capture("03-jane-signed-in-as-the-primary");
      return `${applicationSaw(stage.app)}; ${identitiesOf(stage.tenant, "auth0|jane")}`;
    });

    const john = await stage.newPerson();
    await step("John signs in through Okta and chooses Not now", async () => {
      await john.open(loginUrl);
      await john.signInWithOkta("okta-john", "john@example.com");
      await john.capture("04-john-offered-the-database-sign-in");
      await john.notNow();
      await john.capture("05-john-signed-in-as-the-okta-account");
      return `${applicationSaw(stage.app)}; ${identitiesOf(stage.tenant, "auth0|john")}`;
    });
    const johnAgain = await stage.newPerson();
    await step("John signs in through Okta again", async () => {
      await johnAgain.open(loginUrl);
      await johnAgain.signInWithOkta("okta-john", "john@example.com");
      await johnAgain.capture("06-john-not-asked-again");
      return seenAfterOkta(johnAgain);
    });
    return outcomes;
  } finally {
    await stage.close();
  }
}

function applicationSaw(app: TestApp): string {
  const last = app.outcomes.at(-1);
  if (!last) return "nothing yet";
  return last.ok ? `the app signed in ${last.claims.sub}` : `the app got ${last.error}`;
}

function identitiesOf(tenant: LocalTenant, userId: string): string {
  const user = tenant.state.getUser(userId);
  return user
    ? `${userId} holds ${user.identities.map((identity) => identity.provider).join(" + ")}`
    : `${userId} is gone`;
}
