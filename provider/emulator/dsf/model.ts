/**
 * Traffic Director (DSF) data as the emulator keeps it (dynect-api.md §7.1): one tree per service —
 * ordered rulesets referencing service-level response pools, pools holding failover chains, chains
 * holding record sets, record sets holding records. Objects are flat maps keyed by their opaque id
 * with a parent reference; a map's insertion order is the listing order of that level. Values are
 * kept typed (numbers, booleans); the reply shapes of §7.5/§7.6 are made in serialize.ts.
 */
import { randomBytes } from "node:crypto";

export type Automation = "auto" | "auto_down" | "manual";
export const AUTOMATIONS: readonly Automation[] = ["auto", "auto_down", "manual"];

/** `pending_change` values (§7.3); "" when the object is as published. */
export type PendingMark = "" | "add" | "modify" | "remove";

export interface DsfNode {
  /** lower-case, no trailing dot (§7.2 DSFNode) */
  zone: string;
  fqdn: string;
}

/** The three geoip criteria lists, always present, as strings (§7.4). */
export interface Criteria {
  region: string[];
  country: string[];
  province: string[];
}

/** Monitoring state the live API reported; the emulator does not probe (see /__emulator/dsf-monitoring). */
export interface Monitored {
  status: string;
  /** UNIX seconds, 0 = never */
  lastMonitored: number;
}

export interface Ruleset {
  id: string;
  label: string;
  criteriaType: "always" | "geoip";
  criteria: Criteria;
  /** the recorded value is "" (§7.5); kept as sent when a client sets it */
  eligible: string;
  /** response pools in failover order (references to service-level pools) */
  poolIds: string[];
}

export interface Pool extends Monitored {
  id: string;
  label: string;
  coreSetCount: number;
  eligible: boolean;
  automation: Automation;
}

export interface Chain {
  id: string;
  poolId: string;
  label: string;
  core: boolean;
  status: string;
}

export interface RecordSet extends Monitored {
  id: string;
  /** null: an orphan record set (POSTed without a chain; `remove_orphans` deletes it) */
  chainId: string | null;
  rdataClass: string;
  label: string;
  /** null = inherit the service TTL (`ttl: ""`, §7.5) */
  ttl: number | null;
  automation: Automation;
  eligible: boolean;
  serveCount: number;
  failCount: number;
  troubleCount: number;
  torpidityMax: number;
  /** "" when no monitor is attached */
  monitorId: string;
}

export interface DsfRecord extends Monitored {
  id: string;
  recordSetId: string;
  label: string;
  weight: number;
  automation: Automation;
  eligible: boolean;
  endpoints: string[];
  endpointUpCount: number;
  /** null = the record set's derived TTL */
  ttl: number | null;
  /** fields of the record set's rdata_class, normalised (rdata.ts) */
  rdata: Record<string, string | number>;
  torpidity: number;
  responseTime: number;
}

export interface ServiceTree {
  id: string;
  label: string;
  ttl: number;
  active: "Y" | "N";
  nodes: DsfNode[];
  /** in serving order */
  rulesets: Ruleset[];
  pools: Map<string, Pool>;
  chains: Map<string, Chain>;
  recordSets: Map<string, RecordSet>;
  records: Map<string, DsfRecord>;
}

/** An opaque URL-safe id like the recorded ones (27 characters, e.g. `oIRZ4lM-W64NUelJGuzuVziZ4MI`, §7.1). */
export function newId(): string {
  return randomBytes(20).toString("base64url");
}

/** torpidity/response_time of an unmonitored record as recorded (§7.5). */
export const UNMONITORED = 4294967295;

export function emptyTree(id: string, label: string, ttl: number): ServiceTree {
  return { id, label, ttl, active: "Y", nodes: [], rulesets: [], pools: new Map(), chains: new Map(), recordSets: new Map(), records: new Map() };
}

export function cloneTree(t: ServiceTree): ServiceTree {
  return structuredClone(t);
}

export function chainsOf(t: ServiceTree, poolId: string): Chain[] {
  return [...t.chains.values()].filter((c) => c.poolId === poolId);
}

export function recordSetsOf(t: ServiceTree, chainId: string): RecordSet[] {
  return [...t.recordSets.values()].filter((s) => s.chainId === chainId);
}

export function recordsOf(t: ServiceTree, recordSetId: string): DsfRecord[] {
  return [...t.records.values()].filter((r) => r.recordSetId === recordSetId);
}

/** Rulesets that list a pool (the pool's `rulesets` back-references, §7.5). */
export function rulesetsUsing(t: ServiceTree, poolId: string): Ruleset[] {
  return t.rulesets.filter((r) => r.poolIds.includes(poolId));
}

// ---- cascades (§7.2 "Deletes") ----------------------------------------------------------------

export function deleteRecordSet(t: ServiceTree, id: string): void {
  for (const r of recordsOf(t, id)) t.records.delete(r.id);
  t.recordSets.delete(id);
}

export function deleteChain(t: ServiceTree, id: string): void {
  for (const s of recordSetsOf(t, id)) deleteRecordSet(t, s.id);
  t.chains.delete(id);
}

/** A pool goes with its chains and leaves every ruleset that listed it; rulesets never take pools with them. */
export function deletePool(t: ServiceTree, id: string): void {
  for (const c of chainsOf(t, id)) deleteChain(t, c.id);
  t.pools.delete(id);
  for (const r of t.rulesets) r.poolIds = r.poolIds.filter((p) => p !== id);
}

/**
 * The insert position of `ordering` (rulesets) / `index` (pools) in a list of `count` items
 * (§7.4): absent → append; ≤ 1 → first; above the count → append; otherwise the 1-based position.
 * Returns the 0-based index to splice at.
 */
export function insertIndex(position: number | undefined, count: number): number {
  if (position === undefined || position > count) return count;
  if (position <= 1) return 0;
  return position - 1;
}
