import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import { projectRoot } from "../../src/project-root";

/** GitHub's heading anchor: lower case, punctuation dropped, spaces become hyphens. */
function anchorOf(heading: string): string {
  return heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, "")
    .replace(/\s/g, "-");
}

function withoutCode(markdown: string): string {
  return markdown.replace(/```[\s\S]*?```/g, "").replace(/`[^`\n]*`/g, "");
}

function anchorsOf(file: string): Set<string> {
  const headings = readFileSync(file, "utf8")
    .replace(/```[\s\S]*?```/g, "")
    .split("\n")
    .filter((line) => /^#{1,6} /.test(line))
    .map((line) => anchorOf(line.replace(/^#+ /, "").replace(/`/g, "")));
  return new Set(headings);
}

function relativeLinksOf(file: string): string[] {
  const links = [...withoutCode(readFileSync(file, "utf8")).matchAll(/\]\(([^)\s]+)\)/g)].map(
    (match) => match[1] as string,
  );
  return links.filter((link) => !/^[a-z]+:/i.test(link));
}

const documents = [
  join(projectRoot, "README.md"),
  ...readdirSync(join(projectRoot, "docs"))
    .filter((name) => name.endsWith(".md"))
    .map((name) => join(projectRoot, "docs", name)),
];

describe("the README and docs/", () => {
  it.each(
    documents.map((file) => [relative(projectRoot, file), file]),
  )("%s: every relative link names a file that exists, and an anchor that is a heading there", (_name, file) => {
    const broken: string[] = [];
    for (const link of relativeLinksOf(file)) {
      const [path, anchor] = link.split("#") as [string, string | undefined];
      const target = path === "" ? file : join(dirname(file), path);
      if (!existsSync(target)) {
        broken.push(`${link}: no such file`);
        continue;
      }
      if (anchor && statSync(target).isFile() && !anchorsOf(target).has(anchor)) {
        broken.push(`${link}: no such heading`);
      }
    }
    expect(broken).toEqual([]);
  });

  it("the check sees a broken link as broken", () => {
    expect(anchorsOf(join(projectRoot, "docs", "threat-model.md"))).toContain(
      "database-connections-and-custom-databases",
    );
    expect(anchorsOf(join(projectRoot, "README.md"))).not.toContain("no-such-heading-anywhere");
  });
});
