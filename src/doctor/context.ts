import { type ProbeResult, probe } from "./probe";
import type { DoctorSettings } from "./settings";
import type { GrantedToken } from "./token";

export type Caller = "admin" | "action";

/** What every check reads from: the settings, the two tokens, and GETs that note the rate limit. */
export interface DoctorContext {
  settings: DoctorSettings;
  tokens: Readonly<Record<Caller, GrantedToken | undefined>>;
  /** The built bundle of this checkout, when there is one. */
  localBundle: string | undefined;
  /** A Management API GET as one of the two applications; it must have a token. */
  get(path: string, as: Caller): Promise<ProbeResult>;
  /** The last `X-RateLimit-Limit` the Management API sent, if any. */
  readonly rateLimit: number | undefined;
}

export function doctorContext(
  settings: DoctorSettings,
  tokens: Record<Caller, GrantedToken | undefined>,
  localBundle: string | undefined,
): DoctorContext {
  let rateLimit: number | undefined;
  return {
    settings,
    tokens,
    localBundle,
    async get(path, as) {
      const token = tokens[as];
      if (!token) throw new Error(`no ${as} token: the check should not have run`);
      const answer = await probe({
        method: "GET",
        url: `https://${settings[as].domain}${path}`,
        token: token.accessToken,
      });
      const limit = answer.answered ? Number(answer.headers.get("x-ratelimit-limit")) : Number.NaN;
      if (Number.isFinite(limit) && limit > 0) rateLimit = limit;
      return answer;
    },
    get rateLimit() {
      return rateLimit;
    },
  };
}

/** An answer's body as a list, whether bare or under `key` (checkpoint and paged forms). */
export function listIn(body: unknown, key: string): unknown[] | undefined {
  if (Array.isArray(body)) return body;
  const inner = (body as Record<string, unknown> | undefined)?.[key];
  return Array.isArray(inner) ? inner : undefined;
}

export function describeAnswer(answer: ProbeResult): string {
  return answer.answered ? `answered ${answer.status}` : answer.message;
}
