/**
 * The DynECT emulator as a separate process (`dyn-emulator`, provider/emulator/cli.ts) so its CPU
 * is not the benchmark's, driven over HTTP through its control API (/__emulator/*, see
 * provider/emulator/README.md).
 */
import { randomBytes } from "node:crypto";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { start, type Started } from "./processes";

export interface Account {
  customer: string;
  user: string;
  password: string;
}

export interface EmulatorMetrics {
  requestsTotal: number;
  requests: Record<string, number>;
  logins: number;
  publishesTotal: number;
  rateLimited: number;
  jobRunningReplies: number;
  errors: Record<string, number>;
}

export interface EmulatorSetup {
  latencyMs: number;
  /** Account-wide limit per minute; the real one is 300 with a 60 s lock-out (§3.4). */
  perMinute: number;
  lockoutMs: number;
}

/** The limit "out of the way": far above anything a run sends in a minute. */
export const NO_RATE_LIMIT = 10_000_000;

export class EmulatorProcess {
  private constructor(
    private readonly proc: Started,
    readonly url: string,
    readonly account: Account,
  ) {}

  get host(): string {
    return new URL(this.url).hostname;
  }
  get port(): number {
    return Number(new URL(this.url).port);
  }

  /**
   * Starts `node <packed>/node_modules/pulumi-dyn/dist/emulator/cli.js --port 0 --accounts-file -`
   * with the account on stdin (never on the command line).
   */
  static async start(installedProjectDir: string, logFile: string): Promise<EmulatorProcess> {
    const account = { customer: "bench", user: "bench-user", password: `pw-${randomBytes(12).toString("hex")}` };
    const cli = join(installedProjectDir, "node_modules", "pulumi-dyn", "dist", "emulator", "cli.js");
    const proc = start(process.execPath, [cli, "--port", "0", "--accounts-file", "-", "--rate-limit", String(NO_RATE_LIMIT)], {
      logFile,
      stdin: `${account.customer}:${account.user}:${account.password}\n`,
    });
    const url = await new Promise<string>((resolve, reject) => {
      const lines = createInterface({ input: proc.stdout });
      lines.on("line", (line) => {
        const m = /listening on (http:\/\/\S+)/.exec(line);
        if (m) {
          lines.close();
          resolve(m[1]);
        }
      });
      void proc.exited.then((code) => reject(new Error(`the emulator exited (${code}) before listening; see ${logFile}`)));
    });
    return new EmulatorProcess(proc, url, account);
  }

  private async control<T>(method: "GET" | "POST", path: string, body?: unknown): Promise<T> {
    const res = await fetch(`${this.url}/__emulator/${path}`, {
      method,
      headers: { "Content-Type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!res.ok) throw new Error(`emulator ${method} /__emulator/${path}: HTTP ${res.status} ${await res.text()}`);
    return (await res.json()) as T;
  }

  /** Drops every zone, session and fault, then applies `setup` (a reset clears latency too). */
  async reset(setup: EmulatorSetup): Promise<void> {
    await this.control("POST", "reset", {});
    await this.control("POST", "faults", { latencyMs: setup.latencyMs });
    await this.control("POST", "rate-limit", { perMinute: setup.perMinute, lockoutMs: setup.lockoutMs });
    await this.resetMetrics();
  }

  resetMetrics(): Promise<unknown> {
    return this.control("POST", "metrics/reset", {});
  }

  metrics(): Promise<EmulatorMetrics> {
    return this.control<EmulatorMetrics>("GET", "metrics");
  }

  /** Published user records as `zone fqdn type ttl rdata` lines (SOA and Dyn's apex NS excluded). */
  async publishedLines(recordLine: (zone: string, fqdn: string, type: string, ttl: number, rdata: Record<string, unknown>) => string): Promise<string[]> {
    type Zone = { records: { fqdn: string; record_type: string; ttl: number; rdata: Record<string, unknown> }[] };
    const state = await this.control<{ zones: Record<string, Zone> }>("GET", "state");
    const out: string[] = [];
    for (const [zone, z] of Object.entries(state.zones)) {
      for (const r of z.records) {
        const fqdn = r.fqdn.replace(/\.$/, "");
        if (r.record_type === "SOA" || (r.record_type === "NS" && fqdn === zone)) continue;
        out.push(recordLine(zone, fqdn, r.record_type, r.ttl, r.rdata));
      }
    }
    return out.sort();
  }

  async zoneCount(): Promise<number> {
    const state = await this.control<{ zones: Record<string, unknown> }>("GET", "state");
    return Object.keys(state.zones).length;
  }

  async close(): Promise<void> {
    this.proc.kill();
    await this.proc.exited;
  }
}
