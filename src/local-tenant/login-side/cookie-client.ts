import { createHash, randomBytes } from "node:crypto";
import type { Dispatcher } from "undici";
import { dispatcherFrom } from "../trust";

interface StoredCookie {
  name: string;
  value: string;
  path: string;
}

export interface Hop {
  status: number;
  url: string;
  location?: string;
  body: string;
}

/**
 * A browser without a browser: fetch with a path-aware cookie jar, following redirects by hand so
 * a test sees each hop. The login side's interactions are bound to path-scoped cookies, as in a
 * real browser.
 */
export class CookieClient {
  readonly #cookies = new Map<string, StoredCookie>();
  readonly #userAgent: string | undefined;
  readonly #dispatcher: Dispatcher | undefined;

  /**
   * `userAgent` is sent with every request; `localAddress` (e.g. `127.0.0.2`) makes the tenant
   * see the requests come from that address, as from another network.
   */
  constructor(browser: { userAgent?: string; localAddress?: string } = {}) {
    this.#userAgent = browser.userAgent;
    this.#dispatcher = browser.localAddress ? dispatcherFrom(browser.localAddress) : undefined;
  }

  async request(
    url: string,
    init: { method?: string; form?: Record<string, string> } = {},
  ): Promise<Hop> {
    const target = new URL(url);
    const cookie = this.#cookieHeader(target.pathname);
    const response = await fetch(target, {
      method: init.method ?? (init.form ? "POST" : "GET"),
      redirect: "manual",
      headers: {
        ...(cookie ? { cookie } : {}),
        ...(this.#userAgent ? { "user-agent": this.#userAgent } : {}),
        ...(init.form ? { "content-type": "application/x-www-form-urlencoded" } : {}),
      },
      ...(init.form ? { body: new URLSearchParams(init.form).toString() } : {}),
      // undici's fetch takes the dispatcher the DOM's RequestInit does not name.
      ...(this.#dispatcher ? ({ dispatcher: this.#dispatcher } as RequestInit) : {}),
    });
    for (const header of response.headers.getSetCookie()) this.#store(header);
    const location = response.headers.get("location");
    return {
      status: response.status,
      url: target.toString(),
      ...(location ? { location: new URL(location, target).toString() } : {}),
      body: await response.text(),
    };
  }

  /**
   * Follows redirects, and forms a page submits by script as a browser would, until a page
   * answers or the URL starts with `stopAt`.
   */
  async follow(
    url: string,
    stopAt?: string,
    init?: { form?: Record<string, string> },
  ): Promise<Hop> {
    let hop = await this.request(url, init);
    for (let hops = 0; hops < 20; hops++) {
      const submitted = autoSubmittedForm(hop);
      if (submitted) {
        hop = await this.request(submitted.action, { form: submitted.fields });
      } else if (!hop.location || (stopAt && hop.location.startsWith(stopAt))) {
        return hop;
      } else {
        hop = await this.request(hop.location);
      }
    }
    return hop;
  }

  /** The Cookie header this client would send to `url`: what a thief of its cookies holds. */
  cookieHeaderFor(url: string): string {
    return this.#cookieHeader(new URL(url).pathname);
  }

  #store(header: string): void {
    const [pair = "", ...attributes] = header.split(";").map((part) => part.trim());
    const separator = pair.indexOf("=");
    const name = pair.slice(0, separator);
    const value = pair.slice(separator + 1);
    const path = attributes.find((attribute) => /^path=/i.test(attribute))?.slice(5) || "/";
    const expired = attributes.some(
      (attribute) => /^expires=/i.test(attribute) && Date.parse(attribute.slice(8)) < Date.now(),
    );
    const key = `${name};${path}`;
    if (expired || value === "") this.#cookies.delete(key);
    else this.#cookies.set(key, { name, value, path });
  }

  #cookieHeader(pathname: string): string {
    return [...this.#cookies.values()]
      .filter(
        ({ path }) =>
          pathname === path || pathname.startsWith(path.endsWith("/") ? path : `${path}/`),
      )
      .sort((a, b) => b.path.length - a.path.length)
      .map(({ name, value }) => `${name}=${value}`)
      .join("; ");
  }
}

export interface Pkce {
  verifier: string;
  challenge: string;
}

export function newPkce(): Pkce {
  const verifier = randomBytes(32).toString("base64url");
  return { verifier, challenge: createHash("sha256").update(verifier).digest("base64url") };
}

/** The `/login/{uid}` form's action in a sign-in page, absolute. */
export function formAction(page: Hop, connection: string): string {
  const match = new RegExp(
    `<form method="post" action="([^"]+)" data-connection="${connection}"`,
  ).exec(page.body);
  if (!match?.[1]) throw new Error(`no sign-in form for ${connection} at ${page.url}`);
  return new URL(match[1], page.url).toString();
}

// oidc-provider answers some steps (ending a session whose account changed, form_post) with a
// page whose script submits a form at once.
function autoSubmittedForm(
  hop: Hop,
): { action: string; fields: Record<string, string> } | undefined {
  if (hop.status !== 200 || !hop.body.includes("document.forms[0].submit()")) return undefined;
  const action = /<form method="post" action="([^"]+)"/.exec(hop.body)?.[1];
  if (!action) return undefined;
  const fields = Object.fromEntries(
    [...hop.body.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)"/g)].map((match) => [
      match[1] ?? "",
      match[2] ?? "",
    ]),
  );
  return { action: new URL(action, hop.url).toString(), fields };
}
