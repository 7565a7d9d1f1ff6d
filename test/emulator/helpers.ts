/** Shared helpers of the emulator tests: a raw HTTP client (GET bodies allowed) and fixtures. */
import * as http from "node:http";
import * as fs from "node:fs";
import * as path from "node:path";
import { startEmulator, type EmulatorOptions, type RunningEmulator } from "../../provider/emulator";

export const ACCOUNT = { customer: "acme", user: "alice", password: "s3cret!" };
export const OTHER_USER = { customer: "acme", user: "bob", password: "b0b-pass" };
export const OTHER_CUSTOMER = { customer: "globex", user: "hank", password: "hank-pass" };

export const repoRoot = path.resolve(__dirname, "../..");
export const fixturesPath = path.resolve(repoRoot, "test/fixtures/dynect-fixtures.json");

export interface Reply {
  status: number;
  headers: http.IncomingHttpHeaders;
  text: string;
  /** parsed JSON body, or undefined when the body is not JSON */
  body: any;
}

export interface CallOptions {
  token?: string;
  headers?: Record<string, string>;
  /** send this exact text as the body */
  rawBody?: string;
}

/** One HTTP request; rejects on transport errors (connection reset, …). */
export function request(base: string, method: string, p: string, body?: unknown, opts: CallOptions = {}): Promise<Reply> {
  const url = new URL(p, base);
  const payload = opts.rawBody ?? (body === undefined ? "" : JSON.stringify(body));
  const headers: Record<string, string> = { "Content-Type": "application/json", "Content-Length": String(Buffer.byteLength(payload)), ...opts.headers };
  if (opts.token !== undefined) headers["Auth-Token"] = opts.token;
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method, headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => {
        const text = Buffer.concat(chunks).toString("utf8");
        let parsed: any;
        try {
          parsed = JSON.parse(text);
        } catch {
          parsed = undefined;
        }
        resolve({ status: res.statusCode ?? 0, headers: res.headers, text, body: parsed });
      });
      res.on("error", reject);
    });
    req.on("error", reject);
    req.end(payload);
  });
}

/** A test client bound to one emulator and (after login) one token. */
export class Client {
  token?: string;
  constructor(
    readonly base: string,
    readonly account = ACCOUNT,
  ) {}

  async login(): Promise<string> {
    const r = await request(this.base, "POST", "/REST/Session/", {
      customer_name: this.account.customer,
      user_name: this.account.user,
      password: this.account.password,
    });
    if (r.body?.status !== "success") throw new Error(`login failed: ${r.text}`);
    this.token = r.body.data.token as string;
    return this.token;
  }

  call(method: string, p: string, body?: unknown, opts: CallOptions = {}): Promise<Reply> {
    return request(this.base, method, p, body, { token: this.token, ...opts });
  }

  /** A call that must succeed; returns the envelope's data. */
  async ok(method: string, p: string, body?: unknown, opts: CallOptions = {}): Promise<any> {
    const r = await this.call(method, p, body, opts);
    if (r.status !== 200 || r.body?.status !== "success") throw new Error(`${method} ${p} → ${r.status} ${r.text}`);
    return r.body.data;
  }
}

export async function control(base: string, method: string, p: string, body?: unknown): Promise<any> {
  const r = await request(base, method, `/__emulator/${p}`, body);
  if (r.status !== 200) throw new Error(`control ${p} → ${r.status} ${r.text}`);
  return r.body;
}

export async function start(opts: EmulatorOptions = {}): Promise<RunningEmulator> {
  return startEmulator({ accounts: [ACCOUNT, OTHER_USER, OTHER_CUSTOMER], ...opts });
}

/** Creates (and by default publishes) a zone through the API. */
export async function makeZone(c: Client, zone: string, opts: { publish?: boolean; serialStyle?: string; ttl?: number } = {}): Promise<void> {
  await c.ok("POST", `/REST/Zone/${zone}/`, { rname: `admin@${zone}`, ttl: opts.ttl ?? 3600, serial_style: opts.serialStyle ?? "increment" });
  if (opts.publish !== false) await c.ok("PUT", `/REST/Zone/${zone}/`, { publish: true });
}

export function loadFixtures(): { name: string; confidence: string; request: any; response: any; notes?: string }[] {
  return (JSON.parse(fs.readFileSync(fixturesPath, "utf8")) as { fixtures: any[] }).fixtures;
}

/** Asserts a full envelope: status, data, integer job_id, msgs with the four keys. */
export function isEnvelope(b: any): boolean {
  return (
    typeof b === "object" &&
    b !== null &&
    typeof b.status === "string" &&
    "data" in b &&
    Number.isInteger(b.job_id) &&
    Array.isArray(b.msgs) &&
    b.msgs.every((m: any) => typeof m.INFO === "string" && typeof m.SOURCE === "string" && "ERR_CD" in m && typeof m.LVL === "string")
  );
}

/**
 * A clean slate for one test: emulator state, faults and metrics reset, and a logged-in client;
 * with `zone`, that zone created and published through the API.
 */
export async function freshClient(emu: RunningEmulator, zone?: string): Promise<Client> {
  emu.control.reset();
  emu.control.resetMetrics();
  const c = new Client(emu.url);
  await c.login();
  if (zone !== undefined) await makeZone(c, zone);
  return c;
}
