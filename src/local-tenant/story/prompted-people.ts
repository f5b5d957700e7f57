import { mkdir } from "node:fs/promises";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { signInWithPassword, signInWithProvider } from "../browser/sign-in";
import { CookieClient, formAction, type Hop } from "../login-side/cookie-client";

export const databaseConnection = "Username-Password-Authentication";
export const enterpriseConnection = "acme-okta";

/** What a person does in the prompted story, in a real browser or over plain HTTPS. */
export interface Person {
  open(url: string): Promise<void>;
  signInWithOkta(userId: string, email: string): Promise<void>;
  /** True when the page now showing is the database account's sign-in. */
  isOnDatabaseSignIn(): Promise<boolean>;
  signInWithPassword(password: string): Promise<void>;
  notNow(): Promise<void>;
  /** Saves what the person sees now (browser only). */
  capture(name: string): Promise<void>;
}

/** A person without a browser: a cookie-keeping HTTPS client following every redirect. */
export function httpPerson(): Person {
  const client = new CookieClient();
  let page: Hop | undefined;
  const current = (): Hop => {
    if (!page) throw new Error("no page open");
    return page;
  };
  return {
    async open(url) {
      page = await client.follow(url);
    },
    async signInWithOkta(userId, email) {
      page = await client.follow(formAction(current(), enterpriseConnection), undefined, {
        form: { connection: enterpriseConnection, user_id: userId, email, email_verified: "true" },
      });
    },
    async isOnDatabaseSignIn() {
      return current().body.includes(`data-connection="${databaseConnection}"`);
    },
    async signInWithPassword(password) {
      const email = /name="email" autocomplete="username" required value="([^"]*)"/.exec(
        current().body,
      )?.[1];
      page = await client.follow(formAction(current(), databaseConnection), undefined, {
        form: { connection: databaseConnection, email: email ?? "", password },
      });
    },
    async notNow() {
      const href = /<a href="([^"]+)" data-action="not-now">/.exec(current().body)?.[1];
      if (!href) throw new Error("the page offers no Not now");
      page = await client.follow(new URL(href.replaceAll("&amp;", "&"), current().url).toString());
    },
    async capture() {},
  };
}

/** A person at a Chromium page; each capture is a PNG in `screenshotsDir`. */
export function browserPerson(page: Page, screenshotsDir: string): Person {
  return {
    async open(url) {
      await page.goto(url);
    },
    async signInWithOkta(userId, email) {
      await signInWithProvider(page, {
        connection: enterpriseConnection,
        userId,
        email,
        emailVerified: true,
      });
    },
    async isOnDatabaseSignIn() {
      return (await page.locator(`form[data-connection="${databaseConnection}"]`).count()) === 1;
    },
    async signInWithPassword(password) {
      await signInWithPassword(page, { password });
    },
    async notNow() {
      await Promise.all([
        page.waitForNavigation(),
        page.locator('a[data-action="not-now"]').click(),
      ]);
    },
    async capture(name) {
      await mkdir(screenshotsDir, { recursive: true });
      await page.screenshot({ path: join(screenshotsDir, `${name}.png`), fullPage: true });
    },
  };
}
