import { randomBytes } from "node:crypto";
import { join } from "node:path";
import { createCertificateAuthority } from "../../src/local-tenant/certificates";
import { loadDemoSeed } from "../../src/local-tenant/local-tenant";
import {
  type ManagementApiServer,
  startManagementApi,
} from "../../src/local-tenant/management-api";
import { type Client, type StoredUser, TenantState } from "../../src/local-tenant/tenant-state";
import { writeCertificateAuthorityFile } from "../../src/local-tenant/trust";
import { createRandom } from "../random";
import type { BackfillTruth } from "./ground-truth";
import { backfillTenant } from "./synthetic-tenant";

export interface ApplyTenant {
  api: ManagementApiServer;
  state: TenantState;
  truth: BackfillTruth;
  /** What the CLI is started with to act on this tenant. */
  env: Record<string, string>;
  close(): Promise<void>;
}

/**
 * A local tenant holding the synthetic backfill tenant for `seed`, behind its own certificate
 * authority (handed to the CLI as NODE_EXTRA_CA_CERTS), rate limited like a paid tenant, with a
 * machine-to-machine application granted what the backfill needs.
 */
export async function startApplyTenant(options: {
  seed: number;
  users: number;
  rps: number;
  burst: number;
  workDir: string;
}): Promise<ApplyTenant> {
  const { accounts, truth } = backfillTenant({
    users: options.users,
    random: createRandom(options.seed),
  });
  const users: StoredUser[] = [...accounts];
  const demo = await loadDemoSeed({ withUsers: false });
  const client: Client = {
    client_id: "BackfillBenchClient0000000000001",
    client_secret: randomBytes(24).toString("base64url"),
    name: "backfill-bench",
    grants: [
      {
        scope: [
          "read:users",
          "update:users",
          "read:connections",
          "read:connections_options",
          "read:organizations",
          "read:roles",
        ],
      },
    ],
  };
  const state = TenantState.fromSeed({ ...demo, clients: [...demo.clients, client], users });
  const ca = await createCertificateAuthority();
  const api = await startManagementApi({
    state,
    ca,
    rateLimit: { limit: options.burst, refillPerSecond: options.rps },
    tokenRateLimit: false,
    exportJobTiming: { pendingMs: 500, processingMs: 2_000 },
  });
  const caFile = await writeCertificateAuthorityFile(ca.caPem, options.workDir);
  return {
    api,
    state,
    truth,
    env: {
      AUTH0_DOMAIN: api.domain,
      AUTH0_CLIENT_ID: client.client_id,
      AUTH0_CLIENT_SECRET: client.client_secret,
      NODE_EXTRA_CA_CERTS: caFile,
      // The runs' private folders (users file, whole journal) stay in the work folder.
      XDG_CACHE_HOME: join(options.workDir, "cache"),
    },
    close: () => api.close(),
  };
}
