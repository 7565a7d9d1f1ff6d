/**
 * Test control `POST /__emulator/dsf-monitoring`: the emulator does not probe anything, so tests
 * set the monitoring state a live service would report. Matching records (by endpoint or address,
 * or every record) get `status`, `torpidity`, `response_time`, `last_monitored`, and the
 * eligibility automation would give them: `auto` follows the status, `auto_down` only turns
 * ineligible, `manual` never changes (help.dyn.com's automation modes). Applied to the published
 * tree and the draft alike, so it never shows as a pending change.
 */
import { UNMONITORED, type DsfRecord, type ServiceTree } from "./model";
import type { DsfStore } from "./store";

export interface MonitoringOptions {
  /** only this service (default: every service) */
  serviceId?: string;
  /** only records monitoring this endpoint / holding this address (default: every record) */
  address?: string;
  status: "up" | "down" | "unknown";
}

export const MONITORING_STATUSES = ["up", "down", "unknown"] as const;

function matches(r: DsfRecord, address: string | undefined): boolean {
  if (address === undefined) return true;
  const own = [r.rdata.address, typeof r.rdata.cname === "string" ? r.rdata.cname.replace(/\.$/, "") : undefined];
  return r.endpoints.includes(address) || own.includes(address);
}

function apply(t: ServiceTree, o: MonitoringOptions, now: number): number {
  let n = 0;
  for (const r of t.records.values()) {
    if (!matches(r, o.address)) continue;
    n++;
    r.status = o.status;
    r.lastMonitored = o.status === "unknown" ? 0 : now;
    r.torpidity = o.status === "up" ? 0 : UNMONITORED;
    r.responseTime = o.status === "up" ? 20 : UNMONITORED;
    if (o.status === "up" && r.automation === "auto") r.eligible = true;
    if (o.status === "down" && r.automation !== "manual") r.eligible = false;
    const set = t.recordSets.get(r.recordSetId);
    if (set && o.status !== "unknown") {
      set.lastMonitored = now;
      const chain = set.chainId ? t.chains.get(set.chainId) : undefined;
      const pool = chain ? t.pools.get(chain.poolId) : undefined;
      if (pool) pool.lastMonitored = now;
    }
  }
  return n;
}

/** Returns how many records (counted in the published trees) changed. */
export function setMonitoring(dsf: DsfStore, o: MonitoringOptions): number {
  const now = Math.floor(Date.now() / 1000);
  let n = 0;
  for (const e of dsf.services.values()) {
    if (o.serviceId !== undefined && e.id !== o.serviceId) continue;
    n += apply(e.published, o, now);
    apply(e.draft, o, now);
  }
  dsf.changed();
  return n;
}
