import { parseArgs } from "node:util";
import {
  isRateLimitPlanName,
  type RateLimitPlanName,
  rateLimitPlanNames,
} from "./rate-limit-plans";

export interface LocalTenantFlags {
  seedPath?: string;
  /** 0: any free port. */
  port: number;
  rateLimit: RateLimitPlanName;
  json: boolean;
  help: boolean;
}

export type FlagsCheck = { ok: true; flags: LocalTenantFlags } | { ok: false; problems: string[] };

export const localTenantUsage = `Usage: npm run local-tenant -- [--seed FILE] [--port N] [--rate-limit PLAN] [--json]

  --seed FILE          the tenant to load (JSON: connections, clients, users; see the README)
                       instead of the demo tenant
  --port N             the HTTPS port on localhost (default: any free port)
  --rate-limit PLAN    ${rateLimitPlanNames.join(" | ")}: apply that Auth0 plan's Management
                       API limits (default: off)
  --json               print one JSON line (origin, CA path, clients) instead of the text`;

/** Reads the command line; every bad flag is named, none is acted on. */
export function checkLocalTenantFlags(argv: readonly string[]): FlagsCheck {
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      options: {
        seed: { type: "string" },
        port: { type: "string" },
        "rate-limit": { type: "string" },
        json: { type: "boolean" },
        help: { type: "boolean", short: "h" },
      },
      strict: true,
    }));
  } catch (error) {
    return { ok: false, problems: [(error as Error).message] };
  }
  const problems: string[] = [];
  const portText = values.port as string | undefined;
  const port = portText === undefined ? 0 : Number(portText);
  if (portText !== undefined && !(/^\d+$/.test(portText) && port <= 65_535)) {
    problems.push(`--port: "${portText}" is not a port number (0 to 65535)`);
  }
  const plan = (values["rate-limit"] as string | undefined) ?? "off";
  if (!isRateLimitPlanName(plan)) {
    problems.push(`--rate-limit: "${plan}" is not one of ${rateLimitPlanNames.join(", ")}`);
  }
  const seedPath = values.seed as string | undefined;
  if (seedPath === "") problems.push("--seed: needs a file");
  if (problems.length > 0 || !isRateLimitPlanName(plan)) return { ok: false, problems };
  return {
    ok: true,
    flags: {
      ...(seedPath ? { seedPath } : {}),
      port,
      rateLimit: plan,
      json: values.json === true,
      help: values.help === true,
    },
  };
}
