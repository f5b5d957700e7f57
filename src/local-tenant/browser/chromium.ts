import { createHash, X509Certificate } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { connect } from "node:tls";
import { type BrowserContext, chromium } from "playwright-core";

/** Debian's `chromium` package; nothing is downloaded at install (`.ci/run` installs it). */
export const chromiumPath = "/usr/bin/chromium";

const chromiumFlags = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

export interface TrustedServer {
  /** `https://localhost:PORT` */
  origin: string;
  /** The CA that issued its certificate. */
  caPem: string;
}

export interface LaunchOptions {
  /** The servers (the local tenant) whose certificates the browser accepts. */
  trust: TrustedServer[];
  /** Headless unless `false`. */
  headless?: boolean;
  executablePath?: string;
  /** The user agent every page sends: another browser, as the tenant sees it. */
  userAgent?: string;
}

export interface LocalBrowser {
  context: BrowserContext;
  close(): Promise<void>;
}

/**
 * Debian's Chromium driven by playwright-core, in a fresh profile. It accepts the local tenant's
 * server certificates by their public keys (`--ignore-certificate-errors-spki-list`), and no
 * other certificate error: the tenant's CA is not installed in the machine's trust store.
 */
export async function launchChromium(options: LaunchOptions): Promise<LocalBrowser> {
  const spkiHashes = await Promise.all(options.trust.map(serverKeyHash));
  const userDataDir = await mkdtemp(join(tmpdir(), "local-tenant-chromium-"));
  const headless = options.headless ?? true;
  try {
    const context = await chromium.launchPersistentContext(userDataDir, {
      executablePath: options.executablePath ?? chromiumPath,
      headless,
      ...(options.userAgent ? { userAgent: options.userAgent } : {}),
      args: [
        ...(headless ? ["--headless"] : []),
        ...chromiumFlags,
        `--ignore-certificate-errors-spki-list=${spkiHashes.join(",")}`,
      ],
    });
    return {
      context,
      async close() {
        await context.close();
        await rm(userDataDir, { recursive: true, force: true });
      },
    };
  } catch (thrown) {
    await rm(userDataDir, { recursive: true, force: true });
    throw thrown;
  }
}

// The SHA-256 of the server certificate's SubjectPublicKeyInfo, base64, as Chromium's flag takes
// it, read from a connection that verifies the certificate against the tenant's CA.
async function serverKeyHash(server: TrustedServer): Promise<string> {
  const { hostname, port } = new URL(server.origin);
  const publicKey = await new Promise<Buffer>((resolve, reject) => {
    const socket = connect(
      { host: hostname, port: Number(port), servername: hostname, ca: server.caPem },
      () => {
        const { raw } = socket.getPeerCertificate();
        socket.end();
        resolve(new X509Certificate(raw).publicKey.export({ type: "spki", format: "der" }));
      },
    );
    socket.once("error", reject);
  });
  return createHash("sha256").update(publicKey).digest("base64");
}
