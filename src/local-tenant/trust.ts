import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { createSecureContext, rootCertificates } from "node:tls";
import { Agent, setGlobalDispatcher } from "undici";

const trustedCertificateAuthorities = new Set<string>();
let installedAgent: Agent | undefined;

/**
 * Makes this process's global `fetch` trust `caPem` as well as the public roots, the
 * `NODE_EXTRA_CA_CERTS` file and every CA trusted through this function before.
 */
export function trustCertificateAuthority(caPem: string): void {
  trustedCertificateAuthorities.add(caPem);
  const previousAgent = installedAgent;
  // One secure context shared by every connection: with a plain `ca` option, each TLS handshake
  // parses the ~140 public roots again, about 50 ms per connection.
  installedAgent = new Agent({ connect: { secureContext: trustedSecureContext() } });
  setGlobalDispatcher(installedAgent);
  // close() lets requests already under way on the old agent finish.
  previousAgent?.close().catch(() => undefined);
}

function trustedSecureContext() {
  return createSecureContext({
    ca: [
      ...rootCertificates,
      ...extraCertificatesFromEnvironment(),
      ...trustedCertificateAuthorities,
    ],
  });
}

/**
 * A `fetch` dispatcher whose connections leave from `localAddress` (any of 127.0.0.0/8 on the
 * loopback), trusting what the global one does: another machine, as the tenant sees it.
 */
export function dispatcherFrom(localAddress: string): Agent {
  return new Agent({ connect: { secureContext: trustedSecureContext() }, localAddress });
}

/** Writes the CA to a file for a child process's `NODE_EXTRA_CA_CERTS`; returns its path. */
export async function writeCertificateAuthorityFile(caPem: string, dir: string): Promise<string> {
  const fingerprint = createHash("sha256").update(caPem).digest("hex").slice(0, 16);
  const path = join(dir, `local-tenant-ca-${fingerprint}.pem`);
  await mkdir(dir, { recursive: true });
  await writeFile(path, caPem, "utf8");
  return path;
}

// Passing `ca` to the agent replaces Node's default trust store, extras included.
function extraCertificatesFromEnvironment(): string[] {
  const path = process.env.NODE_EXTRA_CA_CERTS;
  if (!path) return [];
  try {
    return [readFileSync(path, "utf8")];
  } catch {
    return [];
  }
}
