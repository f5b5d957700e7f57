import { loadDemoSeed } from "../src/local-tenant/local-tenant";
import { createLoginStream, type LoginMix, type LoginStream } from "./login-stream";
import { createRandom } from "./random";
import { generateTenant, type SyntheticTenant } from "./synthetic-tenant";

export interface Scenario {
  tenant: SyntheticTenant;
  stream: LoginStream;
}

/**
 * The same tenant and the same logins every time it is called with the same seed, so each
 * Action meets exactly what the other met. The tenant has the demo seed's connections and clients.
 */
export async function buildScenario(options: {
  seed: number;
  users: number;
  mix?: LoginMix;
  matchesLinkableOnly?: boolean;
}): Promise<Scenario> {
  const baseSeed = await loadDemoSeed({ withUsers: false });
  const tenant = generateTenant({
    users: options.users,
    random: createRandom(options.seed),
    baseSeed,
  });
  const stream = createLoginStream({
    tenant,
    random: createRandom(options.seed + 1),
    ...(options.mix ? { mix: options.mix } : {}),
    ...(options.matchesLinkableOnly ? { matchesLinkableOnly: true } : {}),
  });
  return { tenant, stream };
}
