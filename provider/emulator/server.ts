/**
 * node:http front of the emulator: body/query parsing, the per-request pipeline (rate limit →
 * injected faults → API-Version → token → one-job-per-session → latency → slow-job promotion →
 * handler) and envelope writing. Every reply is a full JSON envelope with an integer job_id,
 * except the 307 job redirect whose body is the plain job path (§4).
 */
import * as http from "node:http";
import type { Socket } from "node:net";
import { ApiError, errorMsg, firstErrCd, type Envelope, type Outcome } from "./envelope";
import type { Ctx, Method } from "./context";
import { handleControl } from "./control";
import { sendJson } from "./json-reply";
import type { Emulator } from "./emulator";
import { isMalformedMode, sendMalformed } from "./fault-replies";
import { credentialsError, jobRunningMsgs, TEXT } from "./messages";
import { resolveRoute, type ResolvedRoute } from "./routes";
import type { Session } from "./sessions";

const MAX_BODY = 16 * 1024 * 1024;
const VERSION = /^(current|\d+(\.\d+){0,3})$/i;

export function readBody(req: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY) {
        reject(new Error("body too large"));
        req.destroy();
      } else chunks.push(c);
    });
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}

/** Query string and JSON body merged (body wins); empty body = {}; `null` or non-objects → 400 (§1). */
function parseArgs(query: URLSearchParams, raw: string): Record<string, unknown> {
  const args: Record<string, unknown> = {};
  for (const [k, v] of query) args[k] = v;
  if (raw.trim() === "") return args;
  let body: unknown;
  try {
    body = JSON.parse(raw);
  } catch {
    throw new ApiError(400, [errorMsg("INVALID_REQUEST", TEXT.badBody, "API-B")]);
  }
  if (typeof body !== "object" || body === null || Array.isArray(body)) throw new ApiError(400, [errorMsg("INVALID_REQUEST", TEXT.badBody, "API-B")]);
  return { ...args, ...(body as Record<string, unknown>) };
}

function header(req: http.IncomingMessage, name: string): string | undefined {
  const v = req.headers[name];
  return Array.isArray(v) ? v[0] : v;
}

/**
 * The test controls change everything (accounts, faults, state): they answer only requests made to
 * a loopback name — a page on another site that points its own name at 127.0.0.1 (DNS rebinding)
 * sends that name as `Host` — and a change must say `Content-Type: application/json`, which a
 * cross-site form cannot send without a CORS preflight the emulator never grants.
 */
function controlRefusal(req: http.IncomingMessage, method: string): { status: number; error: string } | undefined {
  const host = (header(req, "host") ?? "").toLowerCase();
  const name = host.startsWith("[") ? host.slice(0, host.indexOf("]") + 1) : host.split(":")[0];
  if (!isLoopbackName(name)) return { status: 403, error: "the test controls answer only requests to a loopback host (127.0.0.1, localhost, [::1])" };
  if (method !== "GET" && method !== "HEAD" && !/^application\/json\b/i.test(header(req, "content-type") ?? "")) {
    return { status: 415, error: "the test controls take Content-Type: application/json" };
  }
  return undefined;
}

/** 127.0.0.0/8, localhost (and *.localhost), [::1]. */
export function isLoopbackName(name: string): boolean {
  const h = name.replace(/^\[|\]$/g, "").toLowerCase();
  return h === "localhost" || h.endsWith(".localhost") || h === "::1" || /^127(\.\d{1,3}){3}$/.test(h);
}

export function envelopeOf(outcome: Outcome, jobId: number): Envelope {
  const env: Envelope = { status: outcome.status, data: outcome.data, job_id: outcome.jobId ?? jobId };
  if (!outcome.noMsgs) env.msgs = outcome.msgs;
  return env;
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

export class EmulatorServer {
  readonly http: http.Server;
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly sockets = new Set<Socket>();
  /** Sockets serving a test-control request: a restart asked for over HTTP still gets its answer. */
  private readonly controlSockets = new Set<Socket>();

  constructor(private readonly emu: Emulator) {
    emu.onRestart(() => this.restart());
    this.http = http.createServer((req, res) => {
      this.handle(req, res).catch((e: unknown) => {
        console.error("dyn-emulator: internal error:", e instanceof Error ? e.message : e);
        if (!res.headersSent) sendJson(res, 500, { status: "failure", data: {}, job_id: emu.jobIds.allocate(), msgs: [errorMsg("INTERNAL_ERROR", TEXT.internal)] });
        else res.destroy();
      });
    });
    this.http.on("connection", (socket: Socket) => {
      this.sockets.add(socket);
      socket.once("close", () => this.sockets.delete(socket));
    });
    // keep idle client connections open like a fronting nginx would (its default is 75 s), so
    // clients with persistent connections (dyn-python, undici pools) rarely race a server-side close
    this.http.keepAliveTimeout = 30_000;
    this.http.headersTimeout = 35_000;
  }

  stopTimers(): void {
    for (const t of this.timers) clearTimeout(t);
    this.emu.metrics.jobsRunningBy(-this.timers.size);
    this.timers.clear();
  }

  /** Moves on every restart: a request that arrived before one dies with it. */
  private generation = 0;

  /** Running jobs are lost and every /REST/ connection is dropped, as when the service restarts. */
  private restart(): void {
    this.generation++;
    this.stopTimers();
    this.emu.metrics.jobsRunningBy(-this.emu.faults.dropHeld()); // held jobs die too
    for (const socket of this.sockets) if (!this.controlSockets.has(socket)) socket.destroy();
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const raw = await readBody(req);
    const url = new URL(req.url ?? "/", "http://emulator");
    const method = (req.method ?? "GET").toUpperCase();
    if (url.pathname === "/__emulator" || url.pathname.startsWith("/__emulator/")) {
      const refused = controlRefusal(req, method);
      if (refused) return sendJson(res, refused.status, { error: refused.error });
      this.controlSockets.add(req.socket);
      try {
        handleControl(this.emu, method, url.pathname, raw, res);
      } finally {
        this.controlSockets.delete(req.socket);
      }
      return;
    }
    const emu = this.emu;
    const generation = this.generation;
    emu.requestArrived(method, `${url.pathname}${url.search}`);
    // A listener may have restarted the service: this request died with it.
    if (this.generation !== generation) return;
    const jobId = emu.jobIds.allocate();
    const resolved = resolveRoute(method, url.pathname);
    emu.metrics.request(method, "error" in resolved ? resolved.label : resolved.route.label);
    const reply = (outcome: Outcome, headers?: Record<string, string>) => {
      if (outcome.status === "failure" || outcome.status === "running") {
        emu.metrics.error(firstErrCd(outcome.msgs) ?? String(outcome.httpStatus));
      }
      sendJson(res, outcome.httpStatus, envelopeOf(outcome, jobId), headers);
    };
    if ("error" in resolved) return reply(resolved.error.toOutcome());
    const route = resolved.route;

    let args: Record<string, unknown>;
    try {
      args = parseArgs(url.searchParams, raw);
    } catch (e) {
      return reply((e as ApiError).toOutcome());
    }

    // account-wide rate limit (§3.4): the customer of the token, or of the login attempt
    const token = header(req, "auth-token");
    const customer = route.needsAuth ? (token ? emu.sessions.peek(token)?.customer : undefined) : typeof args.customer_name === "string" ? args.customer_name : undefined;
    if (customer !== undefined) {
      const wait = emu.rate.hit(customer);
      if (wait > 0) {
        emu.metrics.rateLimited();
        const limited = new ApiError(429, [errorMsg("RATE_LIMIT_EXCEEDED", TEXT.rateLimited, "API-B")]);
        return reply(limited.toOutcome(), { "Retry-After": String(Math.ceil(wait / 1000)) });
      }
    }

    const failure = emu.faults.takeFailure(`${method} ${url.pathname}${url.search}`);
    if (failure === "reset-before") {
      emu.metrics.error("ECONNRESET");
      req.socket.destroy();
      return;
    }
    if (failure === "http500") return reply(new ApiError(500, [errorMsg("INTERNAL_ERROR", TEXT.internal)]).toOutcome());
    if (failure === "http503") return reply(new ApiError(503, [errorMsg("SERVICE_UNAVAILABLE", TEXT.unavailable)]).toOutcome());
    if (isMalformedMode(failure)) {
      emu.metrics.error(failure);
      return sendMalformed(res, failure, jobId);
    }

    const apiVersion = header(req, "api-version");
    if (apiVersion !== undefined && !VERSION.test(apiVersion.trim())) {
      return reply(new ApiError(400, [errorMsg("INVALID_VERSION", TEXT.badVersion(apiVersion.slice(0, 40)), "API-B")]).toOutcome());
    }

    let session: Session | undefined;
    if (failure === "job-running" && !route.needsAuth) {
      emu.metrics.jobRunning();
      return reply({ httpStatus: 400, status: "running", data: {}, msgs: jobRunningMsgs() });
    }
    if (route.needsAuth) {
      if (!token) return reply(credentialsError("missing").toOutcome());
      const found = emu.sessions.lookup(token);
      if ("dead" in found) return reply(credentialsError(found.dead).toOutcome());
      session = found.session;
      emu.sessions.touch(session);
      if ((session.busy > 0 || failure === "job-running") && !route.def.jobPoll) {
        // §3.3: one job per session; the rejected request is itself a (finished) job
        const outcome: Outcome = { httpStatus: 400, status: "running", data: {}, msgs: jobRunningMsgs() };
        emu.sessions.storeJob(session, jobId, { outcome });
        emu.metrics.jobRunning();
        return reply(outcome);
      }
    }

    const ctx: Ctx = { emu, method: method as Method, params: route.params, args, session, apiVersion: apiVersion?.trim(), jobId };
    if (session) session.busy++;
    try {
      if (emu.faults.latencyMs > 0) await sleep(emu.faults.latencyMs);
      if (this.generation !== generation) return; // restarted meanwhile: never processed
      const slow = session && !route.def.jobPoll ? emu.faults.takeSlow(`${method} ${url.pathname}${url.search}`) : undefined;
      if (session && slow) {
        this.promote(session, route, ctx, slow.hold ? undefined : slow.jobMs);
        if (failure === "reset-after") {
          emu.metrics.error("ECONNRESET");
          req.socket.destroy();
        } else if (slow.mode === "redirect") {
          const loc = `/REST/Job/${jobId}`;
          res.writeHead(307, { "Content-Type": "text/html", Location: loc, "Content-Length": String(Buffer.byteLength(loc)) });
          res.end(loc);
        } else sendJson(res, 200, { status: "incomplete", data: null, job_id: jobId });
        return;
      }
      const outcome = this.run(route, ctx);
      if (session && !route.def.jobPoll) emu.sessions.storeJob(session, jobId, { outcome });
      // A token expiry scheduled for "after the N-th such request" happens once it was applied.
      if (emu.faults.expiryDue(`${method} ${url.pathname}${url.search}`)) emu.sessions.expireAll();
      if (failure === "reset-after") {
        emu.metrics.error("ECONNRESET");
        req.socket.destroy();
        return;
      }
      reply(outcome);
    } finally {
      if (session) session.busy--;
    }
  }

  /**
   * A slow request: answered now, applied after `jobMs` (or when released, if held), its result
   * kept for GET /REST/Job/<id>/ (§4).
   */
  private promote(session: Session, route: ResolvedRoute, ctx: Ctx, jobMs: number | undefined): void {
    const entry: { outcome?: Outcome } = {};
    this.emu.sessions.storeJob(session, ctx.jobId, entry);
    session.busy++;
    this.emu.metrics.jobsRunningBy(1);
    const finish = () => {
      this.emu.metrics.jobsRunningBy(-1);
      entry.outcome = this.run(route, ctx);
      session.busy--;
    };
    if (jobMs === undefined) {
      this.emu.faults.hold(finish);
      return;
    }
    const t = setTimeout(() => {
      this.timers.delete(t);
      finish();
    }, jobMs);
    this.timers.add(t);
  }

  private run(route: ResolvedRoute, ctx: Ctx): Outcome {
    try {
      return route.handler(ctx);
    } catch (e) {
      if (e instanceof ApiError) return e.toOutcome();
      console.error("dyn-emulator: handler error:", e instanceof Error ? e.stack : e);
      return new ApiError(500, [errorMsg("INTERNAL_ERROR", TEXT.internal)]).toOutcome();
    }
  }
}
