import { createServer, type Server, type Socket } from "node:net";
import { ManagementClient } from "auth0";
import { afterEach, describe, expect, it } from "vitest";
import { type SdkRequestOptions, sdkAttempt } from "../../src/admin/sdk-attempt";

// The SDK's passthrough errors read back into the causes `unreachable-cause.ts` names, so the retry policy
// treats a request through the SDK as it treats a plain one: DNS and TLS at once, the rest retried.
const sockets: Socket[] = [];
const servers: Server[] = [];

afterEach(async () => {
  for (const socket of sockets.splice(0)) socket.destroy();
  await Promise.all(
    servers.splice(0).map((server) => new Promise((resolve) => server.close(resolve))),
  );
});

async function listen(onConnection: (socket: Socket) => void): Promise<number> {
  const server = createServer((socket) => {
    sockets.push(socket);
    onConnection(socket);
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  if (typeof address !== "object" || address === null) throw new Error("no port");
  return address.port;
}

function getUserAt(domain: string) {
  const management = new ManagementClient({ domain, token: "token", maxRetries: 0 });
  return (options: SdkRequestOptions) =>
    management.fetch(`https://${domain}/api/v2/users/auth0%7C1`, {}, options).then((response) => ({
      status: response.status,
      headers: response.headers,
      body: undefined,
    }));
}

describe("one Management API attempt through the SDK", () => {
  it("names-a-domain-that-does-not-resolve-as-permanent", async () => {
    const result = await sdkAttempt(getUserAt("tenant.invalid"), 5_000);
    expect(result).toMatchObject({ answered: false, reason: "network", permanent: true });
    expect(!result.answered && result.message).toMatch(/does not resolve/);
  });

  it("names-a-failed-tls-handshake-as-permanent", async () => {
    const port = await listen((socket) => socket.end("HTTP/1.1 200 OK\r\n\r\n"));
    const result = await sdkAttempt(getUserAt(`127.0.0.1:${port}`), 5_000);
    expect(result).toMatchObject({ answered: false, permanent: true });
    expect(!result.answered && result.message).toMatch(/TLS handshake failed/);
  });

  it("names-a-refused-connection-as-passing", async () => {
    const port = await listen(() => {});
    await new Promise((resolve) => servers.pop()?.close(resolve));
    const result = await sdkAttempt(getUserAt(`127.0.0.1:${port}`), 5_000);
    expect(result).toMatchObject({ answered: false, reason: "network", permanent: false });
    expect(!result.answered && result.message).toMatch(/ECONNREFUSED/);
  });

  it("names-a-silent-server-as-a-timeout-after-the-time-given", async () => {
    const port = await listen(() => {});
    const started = Date.now();
    const result = await sdkAttempt(getUserAt(`127.0.0.1:${port}`), 300);
    expect(result).toMatchObject({ answered: false, reason: "timeout", permanent: false });
    expect(Date.now() - started).toBeLessThan(3_000);
  });
});
