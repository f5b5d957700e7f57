import { execFile } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import * as x509 from "@peculiar/x509";
import { afterEach, describe, expect, test } from "vitest";
import { createCertificateAuthority } from "../../../src/local-tenant/certificates";
import { writeCertificateAuthorityFile } from "../../../src/local-tenant/trust";
import { startDemoTenant } from "./harness";

const run = promisify(execFile);

let dir: string | undefined;
afterEach(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
  dir = undefined;
});

describe("certificates", () => {
  test("a child process trusts the tenant through NODE_EXTRA_CA_CERTS alone", async () => {
    const server = await startDemoTenant();
    dir = await mkdtemp(join(tmpdir(), "local-tenant-ca-"));
    const caFile = await writeCertificateAuthorityFile(server.caPem, dir);
    const { stdout } = await run(
      process.execPath,
      [
        "-e",
        `fetch(${JSON.stringify(`${server.origin}/api/v2/users/x`)}).then((r) => console.log(r.status))`,
      ],
      { env: { ...process.env, NODE_EXTRA_CA_CERTS: caFile } },
    );
    expect(stdout.trim()).toBe("401");
  });

  test("the server certificate names localhost and 127.0.0.1 for server authentication only", async () => {
    const ca = await createCertificateAuthority();
    const { certPem } = await ca.issueServerCertificate(["localhost", "127.0.0.1"]);
    const certificate = new x509.X509Certificate(certPem);
    const names = certificate.getExtension(x509.SubjectAlternativeNameExtension)?.names.toJSON();
    expect(names).toEqual([
      { type: "dns", value: "localhost" },
      { type: "ip", value: "127.0.0.1" },
    ]);
    expect(certificate.getExtension(x509.BasicConstraintsExtension)?.ca).toBe(false);
    expect(certificate.getExtension(x509.ExtendedKeyUsageExtension)?.usages).toEqual([
      x509.ExtendedKeyUsage.serverAuth,
    ]);
    const authority = new x509.X509Certificate(ca.caPem);
    expect(authority.getExtension(x509.BasicConstraintsExtension)?.ca).toBe(true);
    expect(await certificate.verify({ publicKey: authority.publicKey, signatureOnly: true })).toBe(
      true,
    );
  });
});
