/**
 * The docs a user gets from npm: every link of the packed README — and of every shipped document
 * it leads to — resolves inside the tarball (file and heading), and the per-type rdata reference
 * (docs/record-types.md) is what the generator makes from the table `check` uses.
 */
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join, posix } from "node:path";
import { describe, it } from "node:test";
import { REFERENCE_PATH, recordTypesReference } from "../../scripts/record-types-doc";
import { REPO_ROOT } from "../helpers/packed";

/** Paths (relative, `/`-separated) of every file `npm pack` would ship, as its dry run lists them. */
function packedFiles(): Set<string> {
  const out = execFileSync("npm", ["pack", "--dry-run", "--ignore-scripts", "--json"], { cwd: REPO_ROOT, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
  const [info] = JSON.parse(out.slice(out.indexOf("["))) as { files: { path: string }[] }[];
  return new Set(info.files.map((f) => f.path));
}

/** GitHub's (and npm's) anchor of a heading: lower case, punctuation dropped, spaces as dashes. */
function slug(heading: string): string {
  return heading
    .trim()
    .toLowerCase()
    .replace(/[`*_]/g, "")
    .replace(/[^\p{L}\p{N}\s-]/gu, "")
    .replace(/\s/g, "-");
}

function anchorsOf(markdown: string): Set<string> {
  const seen = new Map<string, number>();
  const out = new Set<string>();
  const body = markdown.replace(/```[\s\S]*?```/g, "");
  for (const m of body.matchAll(/^#{1,6}\s+(.+)$/gm)) {
    const base = slug(m[1]);
    const n = seen.get(base) ?? 0;
    seen.set(base, n + 1);
    out.add(n === 0 ? base : `${base}-${n}`);
  }
  return out;
}

/** Markdown links `[text](target)` outside code blocks and code spans. */
function linksOf(markdown: string): string[] {
  const body = markdown.replace(/```[\s\S]*?```/g, "").replace(/`[^`\n]*`/g, "``");
  return [...body.matchAll(/\[[^\]]*\]\(([^)\s]+)(?:\s+"[^"]*")?\)/g)].map((m) => m[1]);
}

interface Broken {
  file: string;
  link: string;
  why: string;
}

/** Checks `start` and every shipped markdown file it links to; `read` gives a file's text. */
function checkLinks(shipped: Set<string>, start: string, read: (file: string) => string): { broken: Broken[]; visited: string[] } {
  const broken: Broken[] = [];
  const queue = [start];
  const visited = new Set<string>();
  while (queue.length > 0) {
    const file = queue.shift() as string;
    if (visited.has(file)) continue;
    visited.add(file);
    const text = read(file);
    for (const link of linksOf(text)) {
      if (/^https:\/\//.test(link)) continue; // stable public locations (not fetched: tests run offline)
      if (/^[a-z]+:/i.test(link)) {
        broken.push({ file, link, why: "only https links or paths inside the package resolve for npm readers" });
        continue;
      }
      const [path, anchor] = link.split("#") as [string, string | undefined];
      const target = path === "" ? file : posix.normalize(posix.join(posix.dirname(file), path)).replace(/\/$/, "");
      if (target.startsWith("..")) {
        broken.push({ file, link, why: "points outside the package" });
        continue;
      }
      const isDir = [...shipped].some((f) => f.startsWith(`${target}/`));
      if (!shipped.has(target) && !isDir) {
        broken.push({ file, link, why: `${target} is not in the tarball` });
        continue;
      }
      if (anchor !== undefined && target.endsWith(".md") && !anchorsOf(read(target)).has(anchor)) {
        broken.push({ file, link, why: `${target} has no heading #${anchor}` });
      }
      if (target.endsWith(".md")) queue.push(target);
    }
  }
  return { broken, visited: [...visited] };
}

describe("the docs shipped to npm", () => {
  it("every link of the packed README, and of the shipped docs it leads to, resolves in the tarball", () => {
    const shipped = packedFiles();
    assert.ok(shipped.has("README.md") && shipped.has("docs/record-types.md"), [...shipped].join("\n"));
    const { broken, visited } = checkLinks(shipped, "README.md", (file) => readFileSync(join(REPO_ROOT, file), "utf8"));
    assert.deepEqual(broken, [], `broken links:\n${broken.map((b) => `${b.file}: ${b.link} — ${b.why}`).join("\n")}`);
    for (const doc of ["docs/record-types.md", "provider/resources/README.md", "docs/architecture.md"]) assert.ok(visited.includes(doc), `${doc} is linked from the README`);
  });

  it("the checker finds what it must: a missing file, a missing heading, a path outside, a non-https link", () => {
    const docs: Record<string, string> = {
      "README.md": "[ok](docs/a.md#usage) [gone](docs/b.md) [heading](docs/a.md#nope) [out](../x.md) [plain](http://example.com/) [web](https://example.com/) `[code](c.md)`",
      "docs/a.md": "# A\n## Usage\n[back](../README.md) [self](#a)",
    };
    const { broken, visited } = checkLinks(new Set(Object.keys(docs)), "README.md", (f) => docs[f]);
    assert.deepEqual(
      broken.map((b) => b.link),
      ["docs/b.md", "docs/a.md#nope", "../x.md", "http://example.com/"],
    );
    assert.deepEqual(visited.sort(), ["README.md", "docs/a.md"]);
    assert.equal(slug("Coming from octoDNS, Terraform or the Dyn UI"), "coming-from-octodns-terraform-or-the-dyn-ui");
    assert.equal(slug("`Zone.serial` and the live serial"), "zoneserial-and-the-live-serial");
  });

  it("docs/record-types.md is generated from the rdata table and the examples (npm run docs)", () => {
    assert.equal(readFileSync(REFERENCE_PATH, "utf8"), recordTypesReference(), "docs/record-types.md is stale: run `npm run docs` and commit it");
  });
});
