import { webcrypto } from "node:crypto";
import { isIP } from "node:net";
import * as x509 from "@peculiar/x509";

export interface ServerCertificate {
  keyPem: string;
  certPem: string;
}

export interface CertificateAuthority {
  caPem: string;
  issueServerCertificate(hostnames: string[]): Promise<ServerCertificate>;
}

const signingAlgorithm = { name: "ECDSA", hash: "SHA-256" } as const;
const keyAlgorithm = { name: "ECDSA", namedCurve: "P-256" } as const;
const caLifetimeDays = 2;
const serverCertificateLifetimeDays = 1;
// Clocks of the machine and of child processes may differ slightly; a certificate that starts
// "now" can be rejected as not yet valid.
const backdateMinutes = 5;

x509.cryptoProvider.set(webcrypto as Crypto);

export async function createCertificateAuthority(): Promise<CertificateAuthority> {
  const caKeys = await generateKeyPair();
  const caName = `CN=Local Auth0 tenant test CA ${randomSerialNumber().slice(0, 8)}`;
  const caCertificate = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: randomSerialNumber(),
    name: caName,
    notBefore: minutesFromNow(-backdateMinutes),
    notAfter: daysFromNow(caLifetimeDays),
    signingAlgorithm,
    keys: caKeys,
    extensions: [
      new x509.BasicConstraintsExtension(true, 0, true),
      new x509.KeyUsagesExtension(
        x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign,
        true,
      ),
      await x509.SubjectKeyIdentifierExtension.create(caKeys.publicKey),
    ],
  });

  return {
    caPem: caCertificate.toString("pem"),
    async issueServerCertificate(hostnames) {
      const serverKeys = await generateKeyPair();
      const certificate = await x509.X509CertificateGenerator.create({
        serialNumber: randomSerialNumber(),
        subject: `CN=${hostnames[0] ?? "localhost"}`,
        issuer: caCertificate.subject,
        notBefore: minutesFromNow(-backdateMinutes),
        notAfter: daysFromNow(serverCertificateLifetimeDays),
        signingAlgorithm,
        publicKey: serverKeys.publicKey,
        signingKey: caKeys.privateKey,
        extensions: [
          new x509.BasicConstraintsExtension(false, undefined, true),
          new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature, true),
          new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.serverAuth]),
          new x509.SubjectAlternativeNameExtension(hostnames.map(toGeneralName)),
          await x509.SubjectKeyIdentifierExtension.create(serverKeys.publicKey),
          await x509.AuthorityKeyIdentifierExtension.create(caCertificate),
        ],
      });
      return {
        keyPem: await exportPrivateKeyPem(serverKeys.privateKey),
        certPem: certificate.toString("pem"),
      };
    },
  };
}

function generateKeyPair(): Promise<CryptoKeyPair> {
  return webcrypto.subtle.generateKey(keyAlgorithm, true, [
    "sign",
    "verify",
  ]) as Promise<CryptoKeyPair>;
}

async function exportPrivateKeyPem(key: CryptoKey): Promise<string> {
  const pkcs8 = await webcrypto.subtle.exportKey("pkcs8", key);
  return x509.PemConverter.encode(pkcs8, "PRIVATE KEY");
}

function toGeneralName(hostname: string): x509.JsonGeneralName {
  return isIP(hostname) ? { type: "ip", value: hostname } : { type: "dns", value: hostname };
}

function randomSerialNumber(): string {
  const bytes = webcrypto.getRandomValues(new Uint8Array(16));
  // A positive serial number: the top bit of the first byte must be clear.
  bytes[0] = (bytes[0] ?? 0) & 0x7f;
  return Buffer.from(bytes).toString("hex");
}

function daysFromNow(days: number): Date {
  return new Date(Date.now() + days * 24 * 60 * 60 * 1000);
}

function minutesFromNow(minutes: number): Date {
  return new Date(Date.now() + minutes * 60 * 1000);
}
