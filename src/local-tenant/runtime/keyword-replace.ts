export type KeywordMappings = Record<string, unknown>;

/**
 * The deploy CLI's mappings: `AUTH0_KEYWORD_REPLACE_MAPPINGS` (JSON) with the environment
 * merged over it, so an environment variable wins, as in `a0deploy import`.
 */
export function keywordMappingsFromEnv(env: Record<string, string | undefined>): KeywordMappings {
  const configured = env.AUTH0_KEYWORD_REPLACE_MAPPINGS;
  const parsed: unknown = configured ? JSON.parse(configured) : {};
  const mappings: KeywordMappings =
    parsed !== null && typeof parsed === "object" ? { ...(parsed as KeywordMappings) } : {};
  for (const [key, value] of Object.entries(env)) {
    if (value !== undefined) mappings[key] = value;
  }
  return mappings;
}

/**
 * The deploy CLI's keyword replacement: `@@KEY@@` (with the quotes around it, if any) becomes
 * the value as JSON, then `##KEY##` becomes the value as text.
 */
export function replaceKeywords(input: string, mappings: KeywordMappings): string {
  let output = input;
  for (const [key, value] of Object.entries(mappings)) {
    const marker = `@@${escapeRegExp(key)}@@`;
    const jsonMarker = new RegExp(`'${marker}'|"${marker}"|${marker}`, "g");
    output = output.replace(jsonMarker, () => JSON.stringify(value));
  }
  for (const [key, value] of Object.entries(mappings)) {
    output = output.replace(new RegExp(`##${escapeRegExp(key)}##`, "g"), () => String(value));
  }
  return output;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
