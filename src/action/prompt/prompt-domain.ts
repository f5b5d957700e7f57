// The person must be sent to the domain they are on: the outer transaction's cookies belong to
// it, so /continue resumes it only there, and on a custom domain that is event.request.hostname,
// not the tenant's canonical AUTH0_DOMAIN. The host comes from the request that Auth0 served for
// this tenant, never from its query. Requests that carry the client secret (the code exchange)
// and fetch the signing keys always go to the configured AUTH0_DOMAIN, so no secret ever travels
// to a host a request named.

const HOST_NAME =
  /^(?=.{1,253}$)[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*$/i;

function hostPart(domain: string): string {
  return domain.replace(/:[0-9]+$/, "").toLowerCase();
}

/** The domain (host and optional port) of the sign-in the person is sent to and returns from. */
export function browserDomain(
  configuredDomain: string,
  requestHostname: string | undefined,
): string {
  if (requestHostname === undefined || !HOST_NAME.test(requestHostname)) return configuredDomain;
  // Auth0 reports the host without a port; the configured domain keeps the one a local tenant has.
  if (hostPart(requestHostname) === hostPart(configuredDomain)) return configuredDomain;
  return requestHostname.toLowerCase();
}

/** Issuers a token of this tenant may carry: the domain the person is on, or the canonical one. */
export function acceptedIssuers(configuredDomain: string, browser: string): string[] {
  return [...new Set([`https://${browser}/`, `https://${configuredDomain}/`])];
}
