/**
 * Drives the real Pulumi CLI for the end-to-end tests: makes it available with
 * scripts/setup-pulumi.sh (so a fresh machine builds it), and runs commands against an isolated
 * local backend, recording every byte they print (the secrets check greps all of it).
 */
import { execFile } from "node:child_process";
import { mkdirSync, rmSync } from "node:fs";
import { join } from "node:path";
import { REPO_ROOT } from "../../helpers/packed";

let cliDir: Promise<string> | undefined;

/** The directory holding pulumi, pulumi-language-nodejs and pulumi-resource-pulumi-nodejs. */
export function ensurePulumiCli(): Promise<string> {
  cliDir ??= new Promise((resolve, reject) => {
    execFile(
      "bash",
      [join(REPO_ROOT, "scripts", "setup-pulumi.sh")],
      { cwd: REPO_ROOT, maxBuffer: 16 << 20, timeout: 50 * 60_000 },
      (err, stdout, stderr) => {
        if (err) reject(new Error(`scripts/setup-pulumi.sh failed: ${err.message}\n${stderr}`));
        else resolve(stdout.trim().split("\n").pop() as string);
      },
    );
  });
  return cliDir;
}

export interface CommandResult {
  args: string[];
  code: number;
  stdout: string;
  stderr: string;
}

export class PulumiCommandError extends Error {
  constructor(readonly result: CommandResult) {
    super(`pulumi ${result.args.join(" ")} exited ${result.code}\n--- stdout\n${result.stdout}\n--- stderr\n${result.stderr}`);
  }
}

/** A Pulumi project directory plus its own PULUMI_HOME and file backend under `workDir`. */
export class PulumiWorkspace {
  readonly env: NodeJS.ProcessEnv;
  /** Everything every command printed, in order. */
  readonly transcript: CommandResult[] = [];

  constructor(
    readonly projectDir: string,
    readonly workDir: string,
    binDir: string,
    readonly stack = "e2e",
  ) {
    rmSync(join(workDir, "backend"), { recursive: true, force: true });
    rmSync(join(workDir, "home"), { recursive: true, force: true });
    mkdirSync(join(workDir, "backend"), { recursive: true });
    mkdirSync(join(workDir, "home"), { recursive: true });
    const inherited = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith("DYN_") && !k.startsWith("PULUMI_")));
    this.env = {
      ...inherited,
      PATH: `${binDir}:${process.env.PATH ?? ""}`,
      PULUMI_HOME: join(workDir, "home"),
      PULUMI_BACKEND_URL: `file://${join(workDir, "backend")}`,
      PULUMI_CONFIG_PASSPHRASE: "e2e-passphrase",
      PULUMI_SKIP_UPDATE_CHECK: "true",
      PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "true",
      NO_COLOR: "1",
    };
  }

  /** Runs `pulumi <args> --non-interactive` in the project; rejects on a non-zero exit unless `allowFailure`. */
  run(args: string[], opts: { stdin?: string; allowFailure?: boolean; stackScoped?: boolean } = {}): Promise<CommandResult> {
    const full = [...args, "--non-interactive", ...(opts.stackScoped === false ? [] : ["--stack", this.stack])];
    return new Promise((resolve, reject) => {
      const child = execFile(
        "pulumi",
        full,
        { cwd: this.projectDir, env: this.env, maxBuffer: 64 << 20, timeout: 5 * 60_000 },
        (err, stdout, stderr) => {
          const code = err ? (typeof err.code === "number" ? err.code : 1) : 0;
          const result: CommandResult = { args: full, code, stdout, stderr };
          this.transcript.push(result);
          if (code !== 0 && !opts.allowFailure) reject(new PulumiCommandError(result));
          else resolve(result);
        },
      );
      if (opts.stdin !== undefined) child.stdin?.end(opts.stdin);
      else child.stdin?.end();
    });
  }

  /**
   * `pulumi stack init` (passphrase secrets) and the provider's stack config: the account (the
   * password set with `--secret` from stdin, as a user would), the API URL, and `extra` keys.
   */
  async initStack(account: { customer: string; user: string; password: string }, apiUrl: string, extra: Record<string, string> = {}): Promise<void> {
    await this.run(["stack", "init", this.stack, "--secrets-provider", "passphrase"], { stackScoped: false });
    await this.run(["config", "set", "dyn:customerName", account.customer]);
    await this.run(["config", "set", "dyn:username", account.user]);
    await this.run(["config", "set", "--secret", "dyn:password"], { stdin: account.password });
    await this.run(["config", "set", "dyn:apiUrl", apiUrl]);
    for (const [key, value] of Object.entries(extra)) await this.run(["config", "set", key, value]);
  }

  /** `pulumi preview/up/refresh/destroy --json`, parsed. */
  async runJson<T = any>(args: string[], opts: { allowFailure?: boolean } = {}): Promise<{ result: CommandResult; json: T }> {
    const result = await this.run([...args, "--json"], opts);
    try {
      return { result, json: JSON.parse(result.stdout) as T };
    } catch {
      throw new Error(`pulumi ${args.join(" ")} --json printed no JSON:\n${result.stdout}\n${result.stderr}`);
    }
  }

  /** All output of all commands so far, as one string. */
  allOutput(): string {
    return this.transcript.map((r) => `$ pulumi ${r.args.join(" ")}\n${r.stdout}\n${r.stderr}`).join("\n");
  }
}
