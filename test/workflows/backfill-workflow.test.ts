import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { load } from "js-yaml";
import { describe, expect, it } from "vitest";
import { projectRoot } from "../../src/project-root";

interface Step {
  name?: string;
  run?: string;
  uses?: string;
  with?: Record<string, unknown>;
}
interface Job {
  if: string;
  environment: string;
  env: Record<string, string>;
  steps: Step[];
}
interface Workflow {
  on: {
    schedule: { cron: string }[];
    workflow_dispatch: { inputs: Record<string, { options?: string[]; default?: string }> };
  };
  jobs: Record<string, Job>;
}

async function workflow(): Promise<Workflow> {
  const text = await readFile(join(projectRoot, ".github/workflows/backfill.yml"), "utf8");
  return load(text) as Workflow;
}

const commands = (job: Job) => job.steps.flatMap((step) => (step.run ? [step.run] : []));
const backfillCommands = (job: Job) =>
  commands(job).filter((run) => run.includes("npm run backfill"));

describe(".github/workflows/backfill.yml", () => {
  it("runs a dry run on a schedule and keeps its summary.md as an artifact", async () => {
    const { on, jobs } = await workflow();
    expect(on.schedule.length).toBeGreaterThan(0);
    const dryRun = jobs["dry-run"] as Job;
    expect(dryRun.if).toContain("github.event_name == 'schedule'");
    expect(backfillCommands(dryRun)).toHaveLength(1);
    expect(backfillCommands(dryRun)[0]).not.toContain("--apply");
    const upload = dryRun.steps.find((step) => step.uses?.startsWith("actions/upload-artifact"));
    expect(upload?.with?.path).toMatch(/summary\.md$/);
  });

  it("applies only when started by hand with mode apply, dry run by default", async () => {
    const { on, jobs } = await workflow();
    expect(on.workflow_dispatch.inputs.mode).toMatchObject({
      options: ["dry-run", "apply"],
      default: "dry-run",
    });
    const applying = Object.entries(jobs).filter(([, job]) =>
      backfillCommands(job).some((run) => run.includes("--apply")),
    );
    expect(applying.map(([name]) => name)).toEqual(["apply"]);
    const apply = jobs.apply as Job;
    expect(apply.if).toBe("github.event_name == 'workflow_dispatch' && inputs.mode == 'apply'");
    expect(apply.environment).toBe("backfill-apply");
    // No terminal in a runner: without --yes the apply is refused (exit 2).
    for (const run of backfillCommands(apply)) expect(run).toMatch(/--apply --yes\b/);
  });

  // test/backfill/out-folder-holds-no-address.test.ts scans --out: an artifact must lie inside it.
  it("uploads nothing but what lies in the job's --out folder", async () => {
    const { jobs } = await workflow();
    for (const [name, job] of Object.entries(jobs)) {
      const [command] = backfillCommands(job);
      const out = /--out (\S+)/.exec(command ?? "")?.[1];
      expect(out, name).toBeDefined();
      for (const step of job.steps.filter((s) => s.uses?.startsWith("actions/upload-artifact"))) {
        const path = String(step.with?.path);
        expect(path === out || path.startsWith(`${out}/`), `${name} uploads ${path}`).toBe(true);
      }
    }
  });

  it("gives the CLI the settings the README names, from secrets", async () => {
    const { jobs } = await workflow();
    const readme = await readFile(join(projectRoot, "README.md"), "utf8");
    for (const job of Object.values(jobs)) {
      for (const name of ["AUTH0_DOMAIN", "AUTH0_CLIENT_ID", "AUTH0_CLIENT_SECRET"]) {
        expect(job.env[name]).toBe(`\${{ secrets.${name} }}`);
        expect(readme).toContain(name);
      }
    }
  });
});
