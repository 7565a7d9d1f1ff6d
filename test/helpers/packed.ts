/**
 * A Pulumi-project-like directory with pulumi-dyn installed from its packed tarball (exactly what a
 * user gets from npm) plus @pulumi/pulumi — so closure serialization emits
 * `require("pulumi-dyn/runtime")` and the dynamic-provider host resolves it from node_modules.
 *
 * Cached by a hash of the package sources: parallel test processes reuse one pack and one install
 * (an atomic mkdir lock guards each). Stable signature: the e2e tests use it too.
 */
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";

export const REPO_ROOT = join(__dirname, "..", "..");
const TMP = join(REPO_ROOT, ".tmp");
const LOCK_STALE_MS = 10 * 60_000;

function listFiles(dir: string): string[] {
  let out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out = out.concat(listFiles(path));
    else out.push(path);
  }
  return out;
}

/** Hash of everything that goes into the tarball's build. */
function sourceHash(): string {
  const hash = createHash("sha256");
  for (const file of [...listFiles(join(REPO_ROOT, "provider")), join(REPO_ROOT, "package.json"), join(REPO_ROOT, "tsconfig.json")]) {
    hash.update(relative(REPO_ROOT, file));
    hash.update(readFileSync(file));
  }
  return hash.digest("hex").slice(0, 16);
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Runs `work` unless `done` exists, with a cross-process mkdir lock around it. */
async function once(lock: string, done: string, work: () => void): Promise<void> {
  for (;;) {
    if (existsSync(done)) return;
    try {
      mkdirSync(lock);
    } catch {
      try {
        if (Date.now() - statSync(lock).mtimeMs > LOCK_STALE_MS) rmSync(lock, { recursive: true, force: true });
      } catch {
        /* the lock went away meanwhile */
      }
      await sleep(250);
      continue;
    }
    try {
      if (!existsSync(done)) work();
    } finally {
      rmSync(lock, { recursive: true, force: true });
    }
  }
}

/** A dev dependency's version range, as the repository pins it. */
function devVersion(name: string): string {
  const pkg = JSON.parse(readFileSync(join(REPO_ROOT, "package.json"), "utf8"));
  return pkg.devDependencies[name];
}

/** Drops packs and installs of older sources (≈100 MB each): keeps the newest few and anything recent. */
function pruneOld(dir: string, keep: string): void {
  const KEEP_NEWEST = 3;
  const KEEP_RECENT_MS = 2 * 60 * 60_000;
  let entries: { path: string; mtime: number }[];
  try {
    entries = readdirSync(dir)
      .filter((name) => /^[0-9a-f]{16}$/.test(name) && name !== keep)
      .map((name) => ({ path: join(dir, name), mtime: statSync(join(dir, name)).mtimeMs }))
      .sort((a, b) => b.mtime - a.mtime);
  } catch {
    return;
  }
  for (const [i, e] of entries.entries()) {
    if (i >= KEEP_NEWEST && Date.now() - e.mtime > KEEP_RECENT_MS) rmSync(e.path, { recursive: true, force: true });
  }
}

let cached: Promise<string> | undefined;

/** The project directory (absolute); `node_modules/pulumi-dyn` and `node_modules/@pulumi/pulumi` inside. */
export function packedProject(): Promise<string> {
  cached ??= prepare();
  return cached;
}

async function prepare(): Promise<string> {
  const hash = sourceHash();
  const packDir = join(TMP, "pack", hash);
  const projectDir = join(TMP, "projects", hash);
  mkdirSync(packDir, { recursive: true });
  mkdirSync(projectDir, { recursive: true });

  const packed = join(packDir, "packed.json");
  // `npm pack` runs the prepack script (npm run build) first.
  await once(join(TMP, "pack", `${hash}.lock`), packed, () => {
    const out = execFileSync("npm", ["pack", "--json", "--pack-destination", packDir], { cwd: REPO_ROOT, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
    const start = out.indexOf("[");
    const info = JSON.parse(out.slice(start)) as { filename: string }[];
    writeFileSync(packed, JSON.stringify({ tarball: join(packDir, info[0].filename) }));
  });
  const { tarball } = JSON.parse(readFileSync(packed, "utf8")) as { tarball: string };

  const installed = join(projectDir, ".installed");
  await once(join(TMP, "projects", `${hash}.lock`), installed, () => {
    writeFileSync(
      join(projectDir, "package.json"),
      JSON.stringify(
        {
          name: "pulumi-dyn-test-project",
          private: true,
          version: "0.0.0",
          // typescript + ts-node: what a TypeScript Pulumi program (e.g. one `pulumi-dyn generate` wrote) runs with.
          dependencies: {
            "@pulumi/pulumi": devVersion("@pulumi/pulumi"),
            "pulumi-dyn": `file:${tarball}`,
            typescript: devVersion("typescript"),
            "ts-node": devVersion("ts-node"),
          },
        },
        null,
        2,
      ),
    );
    execFileSync("npm", ["install", "--no-audit", "--no-fund", "--prefer-offline", "--loglevel=error"], {
      cwd: projectDir,
      stdio: ["ignore", "pipe", "pipe"],
    });
    writeFileSync(installed, new Date().toISOString());
    pruneOld(join(TMP, "projects"), hash);
    pruneOld(join(TMP, "pack"), hash);
  });
  return projectDir;
}
