/**
 * The real `pulumi` CLI on a throw-away project: its own PULUMI_HOME and file backend under
 * .tmp/bench/<label>/ (made anew by `init`), the passphrase secrets provider, no update checks.
 * The project's node_modules is the packed install of test/helpers/packed.ts plus the no-op
 * provider package of the engine floor (bench/noop-provider), copied, not linked, so it is
 * serialized as a `require()` of a package (pulumi-dynamic-notes §2).
 */
import { appendFileSync, cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { REPO_ROOT } from "../../test/helpers/packed";
import { tailEvents, type EngineEvent } from "./events";
import { ProcSampler, type TreeUsage } from "./proc-sampler";
import { reap, start } from "./processes";
import { programSource, type ProgramKind } from "./programs";

export const BENCH_TMP = join(REPO_ROOT, ".tmp", "bench");
const STACK = "bench";
const COMMAND_TIMEOUT_MS = 90 * 60_000;

/** node_modules = the packed install (linked entry by entry) + bench-noop-provider (copied). */
export function benchModules(installedProjectDir: string): string {
  const dir = join(BENCH_TMP, "modules", "node_modules");
  rmSync(join(BENCH_TMP, "modules"), { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const source = join(installedProjectDir, "node_modules");
  for (const name of readdirSync(source)) {
    if (name.startsWith(".")) continue;
    symlinkSync(join(source, name), join(dir, name));
  }
  cpSync(join(REPO_ROOT, "bench", "noop-provider"), join(dir, "bench-noop-provider"), { recursive: true });
  // .tmp is inside this repository: without a package.json of its own here, `require("pulumi-dyn")`
  // from this directory would resolve to the repository itself (Node's package self-reference)
  writeFileSync(join(dir, "..", "package.json"), JSON.stringify({ name: "dyn-bench-modules", private: true }));
  return dir;
}

export interface CommandRun {
  wallMs: number;
  usage: TreeUsage;
  log: string;
  /** Engine events with their arrival time (profile mode only). */
  events?: EngineEvent[];
  startedAt: number;
}

export interface WorkspaceOptions {
  binDir: string;
  modulesDir: string;
  skipCheckpoints: boolean;
  /** When set: the provider processes write their CPU profiles here (bench/lib/provider-profiler.cjs). */
  cpuProfileDir?: string;
}

export class PulumiBench {
  readonly dir: string;
  readonly projectDir: string;
  private readonly env: NodeJS.ProcessEnv;
  private step = 0;

  constructor(
    label: string,
    private readonly opts: WorkspaceOptions,
  ) {
    this.dir = join(BENCH_TMP, label);
    this.projectDir = join(this.dir, "project");
    const inherited = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith("DYN_") && !k.startsWith("PULUMI_") && k !== "NODE_OPTIONS"));
    this.env = {
      ...inherited,
      PATH: `${opts.binDir}:${process.env.PATH ?? ""}`,
      PULUMI_HOME: join(this.dir, "home"),
      PULUMI_BACKEND_URL: `file://${join(this.dir, "backend")}`,
      PULUMI_CONFIG_PASSPHRASE: "bench-passphrase",
      PULUMI_SKIP_UPDATE_CHECK: "true",
      PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "true",
      NO_COLOR: "1",
      ...(opts.skipCheckpoints ? { PULUMI_SKIP_CHECKPOINTS: "true" } : {}),
    };
    if (opts.cpuProfileDir) {
      this.env.NODE_OPTIONS = `--require=${join(REPO_ROOT, "bench", "lib", "provider-profiler.cjs")}`;
      this.env.BENCH_CPU_PROFILE_DIR = opts.cpuProfileDir;
      // the CLI registers its (hidden) --event-log flag only with debug commands enabled
      this.env.PULUMI_DEBUG_COMMANDS = "true";
    }
  }

  /** A fresh project, home and backend with stack `bench` and the given `dyn:` config. */
  async init(kind: ProgramKind, spec: unknown, config: { plain: Record<string, string>; secret: Record<string, string> }): Promise<void> {
    rmSync(this.dir, { recursive: true, force: true });
    for (const d of ["project", "home", "backend", "logs"]) mkdirSync(join(this.dir, d), { recursive: true });
    writeFileSync(join(this.projectDir, "Pulumi.yaml"), `name: dyn-bench\nruntime:\n  name: nodejs\n  options:\n    typescript: false\nmain: index.js\n`);
    writeFileSync(join(this.projectDir, "package.json"), JSON.stringify({ name: "dyn-bench", private: true, main: "index.js" }));
    writeFileSync(join(this.projectDir, "index.js"), programSource(kind));
    symlinkSync(this.opts.modulesDir, join(this.projectDir, "node_modules"), "dir");
    this.writeSpec(spec);
    await this.command(["stack", "init", STACK, "--secrets-provider", "passphrase"], false);
    const pairs = [
      ...Object.entries(config.plain).flatMap(([k, v]) => ["--plaintext", `${k}=${v}`]),
      ...Object.entries(config.secret).flatMap(([k, v]) => ["--secret", `${k}=${v}`]),
    ];
    if (pairs.length) await this.command(["config", "set-all", ...pairs]);
  }

  writeSpec(spec: unknown): void {
    writeFileSync(join(this.projectDir, "spec.json"), JSON.stringify(spec));
  }

  /** Runs `pulumi <args>` (stack-scoped unless told otherwise); throws with the log's tail on failure. */
  async command(args: string[], stackScoped = true, eventLog = false): Promise<CommandRun> {
    const log = join(this.dir, "logs", `${String(++this.step).padStart(2, "0")}-${args[0]}.log`);
    const eventFile = eventLog ? log.replace(/\.log$/, ".events.jsonl") : undefined;
    const full = [...args, "--non-interactive", ...(stackScoped ? ["--stack", STACK] : []), ...(eventFile ? ["--event-log", eventFile] : [])];
    const startedAt = Date.now();
    const t0 = process.hrtime.bigint();
    const proc = start("pulumi", full, { cwd: this.projectDir, env: this.env, logFile: log, timeoutMs: COMMAND_TIMEOUT_MS });
    const sampler = new ProcSampler(proc.pid);
    const tail = eventFile ? tailEvents(eventFile) : undefined;
    const code = await proc.exited;
    const wallMs = Number(process.hrtime.bigint() - t0) / 1e6;
    const usage = sampler.stop();
    const events = tail ? await tail.stop() : undefined;
    // a plugin the engine left running (seen once in a --profile run) must not outlive its command
    const strays = await reap(() => sampler.leftovers());
    if (strays > 0) appendFileSync(log, `\nbench: ended ${strays} process(es) left running by this command\n`);
    if (code !== 0) throw new Error(`pulumi ${full.join(" ")} exited ${code} after ${(wallMs / 1000).toFixed(1)} s; log: ${log}\n${logTail(log)}`);
    return { wallMs, usage, log, events, startedAt };
  }
}

function logTail(file: string, lines = 30): string {
  if (!existsSync(file)) return "";
  return readFileSync(file, "utf8").split("\n").slice(-lines).join("\n");
}
