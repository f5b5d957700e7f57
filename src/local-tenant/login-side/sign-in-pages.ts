import type { Connection, StoredUser } from "../tenant-state";

export const databaseStrategy = "auth0";
export const wrongCredentialsMessage = "Wrong email or password.";

/** What one sign-in page shows: the connections it offers and what it knows already. */
export interface SignInPage {
  uid: string;
  clientName: string;
  connections: Connection[];
  /** Identities already on each offered social or enterprise connection, for one-click sign-in. */
  knownIdentities: Map<string, KnownIdentity[]>;
  loginHint?: string;
  error?: string;
  /**
   * On a nested sign-in (one that returns to /continue), where "Not now" leads: back to
   * /continue with `error=access_denied`, as a Universal Login page template's link would.
   */
  notNowUrl?: string;
}

export interface KnownIdentity {
  providerUserId: string;
  email?: string;
}

/**
 * The sign-in page of one authorization request, standing in for Universal Login and for each
 * provider's own page: a password form for a database connection, a one-click choice of a
 * known identity (or a form for a new one) for every other connection.
 */
export function renderSignInPage(page: SignInPage): string {
  const sections = page.connections.map((connection) =>
    connection.strategy === databaseStrategy
      ? databaseForm(page, connection)
      : providerForm(page, connection),
  );
  return layout(
    `Sign in to ${page.clientName}`,
    [
      `<h1>Sign in to ${escapeHtml(page.clientName)}</h1>`,
      page.error ? `<p role="alert" class="error">${escapeHtml(page.error)}</p>` : "",
      ...sections,
      page.notNowUrl
        ? `<p><a href="${escapeHtml(page.notNowUrl)}" data-action="not-now">Not now</a></p>`
        : "",
    ].join("\n"),
  );
}

export function renderErrorPage(title: string, error: string, description: string): string {
  return layout(
    title,
    `<h1>${escapeHtml(title)}</h1><p><code data-error="${escapeHtml(error)}">${escapeHtml(error)}</code>: ${escapeHtml(description)}</p>`,
  );
}

function databaseForm(page: SignInPage, connection: Connection): string {
  return `<form method="post" action="/login/${escapeHtml(page.uid)}" data-connection="${escapeHtml(connection.name)}">
  <h2>${escapeHtml(connection.name)}</h2>
  <input type="hidden" name="connection" value="${escapeHtml(connection.name)}">
  <label>Email <input type="email" name="email" autocomplete="username" required value="${escapeHtml(page.loginHint ?? "")}"></label>
  <label>Password <input type="password" name="password" autocomplete="current-password" required></label>
  <button type="submit">Continue</button>
</form>`;
}

function providerForm(page: SignInPage, connection: Connection): string {
  const known = (page.knownIdentities.get(connection.name) ?? []).map(
    (
      identity,
    ) => `<form method="post" action="/login/${escapeHtml(page.uid)}" data-connection="${escapeHtml(connection.name)}">
    <input type="hidden" name="connection" value="${escapeHtml(connection.name)}">
    <input type="hidden" name="user_id" value="${escapeHtml(identity.providerUserId)}">
    <button type="submit" data-user-id="${escapeHtml(identity.providerUserId)}">Continue as ${escapeHtml(identity.email ?? identity.providerUserId)}</button>
  </form>`,
  );
  return `<section data-connection="${escapeHtml(connection.name)}">
  <h2>Continue with ${escapeHtml(connection.name)}</h2>
  ${known.join("\n  ")}
  <form method="post" action="/login/${escapeHtml(page.uid)}" data-connection="${escapeHtml(connection.name)}" data-new-identity>
    <input type="hidden" name="connection" value="${escapeHtml(connection.name)}">
    <label>Account at ${escapeHtml(connection.name)} <input name="user_id" required></label>
    <label>Email it reports <input type="email" name="email" value="${escapeHtml(page.loginHint ?? "")}"></label>
    <label><input type="checkbox" name="email_verified" value="true"> It says the email is verified</label>
    <button type="submit">Continue with ${escapeHtml(connection.name)}</button>
  </form>
</section>`;
}

export function layout(title: string, body: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title>
<style>body{font-family:system-ui,sans-serif;max-width:32rem;margin:2rem auto}form,section{margin:1rem 0;padding:1rem;border:1px solid #ccc;border-radius:6px}label{display:block;margin:.5rem 0}.error{color:#b00}</style>
</head><body>
${body}
</body></html>`;
}

export function escapeHtml(text: string): string {
  return text
    .replaceAll("&", "&amp;")
    .replaceAll("<", "&lt;")
    .replaceAll(">", "&gt;")
    .replaceAll('"', "&quot;")
    .replaceAll("'", "&#39;");
}

const maxOneClickIdentities = 20;

/** The identities on `connection` that a one-click page can offer (the first few). */
export function identitiesOn(users: StoredUser[], connection: Connection): KnownIdentity[] {
  return users
    .flatMap((user) =>
      user.identities
        .filter((identity) => identity.connection === connection.name)
        .map((identity) => {
          const email = identity.profileData?.email ?? user.email;
          return {
            providerUserId: String(identity.user_id),
            ...(typeof email === "string" ? { email } : {}),
          };
        }),
    )
    .slice(0, maxOneClickIdentities);
}
