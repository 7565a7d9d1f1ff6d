/**
 * Test controls outside /REST/ (JSON in/out, no auth; listed in provider/emulator/README.md):
 * GET /__emulator/metrics, POST /__emulator/metrics/reset, POST /__emulator/reset,
 * POST /__emulator/faults, POST /__emulator/expire-tokens, POST /__emulator/block-zone,
 * POST /__emulator/slow, POST /__emulator/jobs/release, POST /__emulator/rate-limit, GET /__emulator/state,
 * plus POST /__emulator/accounts, POST /__emulator/idle-timeout, POST /__emulator/dsf-monitoring,
 * POST /__emulator/dsf-fail-publish and POST /__emulator/restart (additions).
 */
import type * as http from "node:http";
import type { Emulator } from "./emulator";
import { sendJson } from "./json-reply";

export function handleControl(emu: Emulator, method: string, pathname: string, raw: string, res: http.ServerResponse): void {
  const path = pathname.replace(/\/+$/, "");
  let body: Record<string, any> = {};
  try {
    if (raw.trim() !== "") body = JSON.parse(raw) as Record<string, any>;
    if (typeof body !== "object" || body === null || Array.isArray(body)) throw new Error("body must be a JSON object");
  } catch (e) {
    return sendJson(res, 400, { error: e instanceof Error ? e.message : String(e) });
  }
  const c = emu.control;
  const routes: Record<string, () => unknown> = {
    "GET /__emulator/metrics": () => c.metrics(),
    "POST /__emulator/metrics/reset": () => (c.resetMetrics(), { ok: true }),
    "POST /__emulator/reset": () => (c.reset(), { ok: true }),
    "POST /__emulator/faults": () => (c.setFaults(body), { ok: true }),
    "POST /__emulator/expire-tokens": () => ({ ok: true, expired: c.expireTokens() }),
    "POST /__emulator/block-zone": () => ({ ok: true, ...c.blockZone(body as never) }),
    "POST /__emulator/slow": () => (c.slow(body as never), { ok: true }),
    "POST /__emulator/jobs/release": () => ({ ok: true, released: c.releaseJobs() }),
    "POST /__emulator/rate-limit": () => (c.setRateLimit(body as never), { ok: true }),
    "GET /__emulator/state": () => c.state(),
    "POST /__emulator/accounts": () => (c.addAccount(body as never), { ok: true }),
    "POST /__emulator/idle-timeout": () => (c.setIdleTimeout(Number(body.idleTimeoutMs)), { ok: true }),
    "POST /__emulator/dsf-monitoring": () => ({ ok: true, ...c.dsfMonitoring(body as never) }),
    "POST /__emulator/dsf-fail-publish": () => (c.dsfFailPublish(body as never), { ok: true }),
    "POST /__emulator/restart": () => ({ ok: true, sessions: c.restart() }),
  };
  const route = routes[`${method} ${path}`];
  if (!route) return sendJson(res, 404, { error: `unknown control endpoint ${method} ${path}`, endpoints: Object.keys(routes) });
  try {
    sendJson(res, 200, route());
  } catch (e) {
    sendJson(res, 400, { error: e instanceof Error ? e.message : String(e) });
  }
}
