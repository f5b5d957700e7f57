import { readFile } from "node:fs/promises";
import { linkingClientName, loadDemoSeed } from "../local-tenant";
import { seedProblems, type TenantSeed } from "../tenant-seed";

export type SeedCheck = { ok: true; seed: TenantSeed } | { ok: false; problems: string[] };

/** The tenant to load: the demo tenant with its users, or `--seed FILE`, checked whole. */
export async function loadCheckedSeed(seedPath: string | undefined): Promise<SeedCheck> {
  if (seedPath === undefined) return { ok: true, seed: await loadDemoSeed({ withUsers: true }) };
  let text: string;
  try {
    text = await readFile(seedPath, "utf8");
  } catch (error) {
    return {
      ok: false,
      problems: [`--seed: cannot read ${seedPath} (${(error as NodeJS.ErrnoException).code})`],
    };
  }
  let seed: TenantSeed;
  try {
    seed = JSON.parse(text) as TenantSeed;
  } catch {
    return { ok: false, problems: [`--seed: ${seedPath} is not JSON`] };
  }
  const shape = ["connections", "clients", "users"].filter(
    (key) => !Array.isArray((seed as unknown as Record<string, unknown>)?.[key]),
  );
  if (shape.length > 0) {
    return { ok: false, problems: shape.map((key) => `--seed: ${seedPath} has no "${key}" list`) };
  }
  const problems = seedProblems(seed).map((problem) => `--seed: ${problem}`);
  if (!seed.clients.some((client) => client.name === linkingClientName)) {
    problems.push(`--seed: no client named "${linkingClientName}", the one the Action uses`);
  }
  return problems.length > 0 ? { ok: false, problems } : { ok: true, seed };
}
