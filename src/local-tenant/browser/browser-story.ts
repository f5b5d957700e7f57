import type { Page } from "playwright-core";
import {
  appClientName,
  type LocalTenant,
  type LocalTenantOptions,
  loadDemoSeed,
  startLocalTenant,
} from "../local-tenant";
import type { LoginSideOptions } from "../login-side/login-side";
import { type LocalBrowser, launchChromium } from "./chromium";
import { startTestApp, type TestApp } from "./test-app";

export interface BrowserStoryOptions extends Omit<LocalTenantOptions, "loginSide"> {
  /** Database users' passwords by user id; others use `defaultLocalPassword`. */
  passwords?: LoginSideOptions["passwords"];
  headless?: boolean;
}

/** A local tenant with its login side, the test application registered with it, and a browser. */
export interface BrowserStory {
  tenant: LocalTenant;
  app: TestApp;
  browser: LocalBrowser;
  /** A fresh page (tab) in the browser's one profile: its cookies are the person's session. */
  newPage(): Promise<Page>;
  close(): Promise<void>;
}

export async function startBrowserStory(options: BrowserStoryOptions = {}): Promise<BrowserStory> {
  const { passwords, headless, ...tenantOptions } = options;
  const seed = tenantOptions.seed ?? (await loadDemoSeed({ withUsers: false }));
  const client = seed.clients.find(({ name }) => name === appClientName);
  if (!client)
    throw new Error(`the seed has no "${appClientName}" client for the test application`);
  const app = await startTestApp(client);
  const opened: { close(): Promise<void> }[] = [app];
  const closeAll = async () => {
    for (const resource of opened.reverse()) await resource.close();
  };
  try {
    const tenant = await startLocalTenant({
      ...tenantOptions,
      seed,
      loginSide: {
        callbacks: { [client.client_id]: [app.callbackUrl] },
        ...(passwords ? { passwords } : {}),
      },
    });
    opened.push(tenant);
    app.useTenant(tenant.api.origin);
    const browser = await launchChromium({
      trust: [{ origin: tenant.api.origin, caPem: tenant.api.caPem }],
      ...(headless === undefined ? {} : { headless }),
    });
    opened.push(browser);
    return { tenant, app, browser, newPage: () => browser.context.newPage(), close: closeAll };
  } catch (thrown) {
    await closeAll();
    throw thrown;
  }
}
