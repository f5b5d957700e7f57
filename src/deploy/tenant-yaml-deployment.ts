import { readFileSync } from "node:fs";
import { load } from "js-yaml";

/** What a deploy-CLI tenant.yaml asks for: its Actions and, per trigger, the Actions bound. */
export interface TenantYamlDeployment {
  actions: { name: string; secretKeywords: Record<string, string> }[];
  /** Action names in binding order, by trigger id. */
  bindings: Record<string, string[]>;
  /** Every `##KEY##` / `@@KEY@@` keyword the file's values use (comments do not count). */
  keywords: string[];
}

interface RawTenantYaml {
  actions?: { name?: unknown; secrets?: { name?: unknown; value?: unknown }[] }[];
  triggers?: Record<string, { action_name?: unknown }[] | null>;
}

const keywordPattern = /##([A-Za-z0-9_]+)##|@@([A-Za-z0-9_]+)@@/g;
const wholeKeyword = /^(?:##([A-Za-z0-9_]+)##|@@([A-Za-z0-9_]+)@@)$/;

export function readTenantYamlDeployment(tenantYamlPath: string): TenantYamlDeployment {
  const raw = (load(readFileSync(tenantYamlPath, "utf8")) ?? {}) as RawTenantYaml;
  return {
    actions: (raw.actions ?? []).map((action) => ({
      name: String(action.name),
      secretKeywords: Object.fromEntries(
        (action.secrets ?? []).flatMap(({ name, value }) => {
          const match = typeof value === "string" ? wholeKeyword.exec(value) : null;
          const keyword = match?.[1] ?? match?.[2];
          return keyword ? [[String(name), keyword]] : [];
        }),
      ),
    })),
    bindings: Object.fromEntries(
      Object.entries(raw.triggers ?? {}).map(([triggerId, bindings]) => [
        triggerId,
        (bindings ?? []).map((binding) => String(binding.action_name)),
      ]),
    ),
    keywords: [...new Set(stringValues(raw).flatMap(keywordsIn))],
  };
}

function stringValues(value: unknown): string[] {
  if (typeof value === "string") return [value];
  if (typeof value !== "object" || value === null) return [];
  return Object.values(value).flatMap(stringValues);
}

function keywordsIn(text: string): string[] {
  return [...text.matchAll(keywordPattern)].map((match) => match[1] ?? match[2] ?? "");
}
