/**
 * zod shapes of Traffic Director (DSF) replies (dynect-api.md §7.5, §7.6), typed at the edge: the
 * live API sends most numbers and booleans as strings (`ttl: "300"`, `serve_count: "2"`,
 * `eligible: "true"`, `core: "false"`, `active: "Y"`, `ordering: "1"`); here they become numbers and
 * booleans, a record set's `ttl: ""` (inherit) becomes `undefined`, and a record's
 * `rdata: [{type, data: {rdata_<type>: {…}, …}}]` becomes the one block of its class. Field names
 * stay DynECT's, as everywhere in the SDK. Keys a reply lacks get the documented defaults, so a
 * thinner reply (octoDNS saw "thin" pool lists, §7.2) still parses.
 */
import { z } from "zod";

/** `"300"`, `300`, `""`/null (→ `dflt`). */
const int = (dflt: number) =>
  z
    .union([z.number(), z.string(), z.null(), z.undefined()])
    .transform((v, ctx) => {
      if (v === null || v === undefined || v === "") return dflt;
      const n = typeof v === "number" ? v : /^\s*-?\d+\s*$/.test(v) ? Number(v) : Number.NaN;
      if (!Number.isFinite(n)) {
        ctx.addIssue({ code: "custom", message: `expected a number, got ${JSON.stringify(v)}` });
        return z.NEVER;
      }
      return n;
    });

/** A TTL that may be `""` (inherit, §7.5 record sets). */
const optionalInt = z.union([z.number(), z.string(), z.null(), z.undefined()]).transform((v) => {
  if (v === null || v === undefined || (typeof v === "string" && v.trim() === "")) return undefined;
  const n = typeof v === "number" ? v : Number(v);
  return Number.isFinite(n) ? n : undefined;
});

/** `true`, `"true"`, `"Y"`, `"1"` … (→ `dflt` when absent or `""`). */
const bool = (dflt: boolean) =>
  z.union([z.boolean(), z.string(), z.number(), z.null(), z.undefined()]).transform((v, ctx) => {
    if (v === null || v === undefined || v === "") return dflt;
    if (typeof v === "boolean") return v;
    const t = String(v).trim().toLowerCase();
    if (["true", "y", "yes", "1"].includes(t)) return true;
    if (["false", "n", "no", "0"].includes(t)) return false;
    ctx.addIssue({ code: "custom", message: `expected a boolean, got ${JSON.stringify(v)}` });
    return z.NEVER;
  });

const text = z.union([z.string(), z.number(), z.null(), z.undefined()]).transform((v) => (v === null || v === undefined ? "" : String(v)));
const strings = z.array(z.union([z.string(), z.number()]).transform(String)).nullish().transform((v) => v ?? []);

export const DSF_AUTOMATIONS = ["auto", "auto_down", "manual"] as const;
export type DsfAutomation = (typeof DSF_AUTOMATIONS)[number];
const automation = z.enum(DSF_AUTOMATIONS).catch("auto");

/** `pending_change` (§7.3): "" when the object is as published. */
export type DsfPendingChange = "" | "add" | "modify" | "remove";
const pendingChange = text.transform((v) => (["add", "modify", "remove"].includes(v) ? (v as DsfPendingChange) : ""));

export const dsfNodeSchema = z.object({
  zone: z.string().transform((v) => v.replace(/\.$/, "")),
  fqdn: z.string().transform((v) => v.replace(/\.$/, "")),
});
export type DsfNode = z.output<typeof dsfNodeSchema>;

/** `rdata: [{type, ttl, data: {rdata_<type>: {…}}}]` (§7.5) → the block of `rdata_class`. */
function rdataOf(raw: unknown, rdataClass: string): Record<string, unknown> {
  const first = Array.isArray(raw) ? raw[0] : raw;
  const data = typeof first === "object" && first !== null ? (first as { data?: unknown }).data : undefined;
  const block = typeof data === "object" && data !== null ? (data as Record<string, unknown>)[`rdata_${rdataClass.toLowerCase()}`] : undefined;
  return typeof block === "object" && block !== null ? { ...(block as Record<string, unknown>) } : {};
}

export const dsfRecordSchema = z
  .object({
    dsf_record_id: z.string(),
    dsf_record_set_id: text,
    service_id: text,
    label: text,
    weight: int(1),
    automation,
    eligible: bool(true),
    endpoints: strings,
    endpoint_up_count: int(0),
    ttl: optionalInt,
    rdata_class: text,
    status: text,
    torpidity: int(0),
    response_time: int(0),
    last_monitored: int(0),
    master_line: text,
    pending_change: pendingChange,
    rdata: z.unknown(),
  })
  .transform((r) => ({ ...r, rdata: rdataOf(r.rdata, r.rdata_class) }));
/** One record of a record set (§7.5); `rdata` holds the fields of its class (§6.3 names). */
export type DsfRecord = z.output<typeof dsfRecordSchema>;

export const dsfRecordSetSchema = z.object({
  dsf_record_set_id: z.string(),
  service_id: text,
  rdata_class: text,
  label: text,
  /** undefined = inherits the service TTL (`""` in the reply) */
  ttl: optionalInt,
  ttl_derived: optionalInt,
  automation,
  eligible: bool(true),
  serve_count: int(1),
  fail_count: int(1),
  trouble_count: int(0),
  torpidity_max: int(0),
  /** undefined when no monitor is attached (`""` in the reply) */
  dsf_monitor_id: text.transform((v) => (v === "" ? undefined : v)),
  status: text,
  last_monitored: int(0),
  pending_change: pendingChange,
  records: z.array(dsfRecordSchema).nullish().transform((v) => v ?? []),
});
export type DsfRecordSet = z.output<typeof dsfRecordSetSchema>;

export const dsfChainSchema = z.object({
  dsf_record_set_failover_chain_id: z.string(),
  dsf_response_pool_id: text,
  service_id: text,
  label: text,
  core: bool(false),
  status: text,
  pending_change: pendingChange,
  record_sets: z.array(dsfRecordSetSchema).nullish().transform((v) => v ?? []),
});
export type DsfFailoverChain = z.output<typeof dsfChainSchema>;

/** Criteria as the reply carries them: all three lists, string codes (§7.4). */
const criteriaSchema = z
  .unknown()
  .transform((raw) => {
    const geoip = typeof raw === "object" && raw !== null ? (raw as { geoip?: unknown }).geoip : undefined;
    const g = (typeof geoip === "object" && geoip !== null ? geoip : {}) as Record<string, unknown>;
    const list = (v: unknown) => (v === undefined || v === null ? [] : (Array.isArray(v) ? v : [v]).map(String));
    return { region: list(g.region), country: list(g.country), province: list(g.province) };
  });
export type DsfCriteria = z.output<typeof criteriaSchema>;

const rulesetFields = {
  dsf_ruleset_id: z.string(),
  service_id: text,
  label: text,
  criteria_type: z.enum(["always", "geoip"]).catch("always"),
  criteria: criteriaSchema,
  /** 1-based position in the service's serving order (`"1"` in the reply) */
  ordering: int(0),
  /** `""` in the recorded replies: undefined unless a client set it */
  eligible: z.union([z.string(), z.boolean(), z.null(), z.undefined()]).transform((v) => (v === "" || v === null || v === undefined ? undefined : v === true || String(v).toLowerCase() === "true" || v === "Y")),
  pending_change: pendingChange,
};

/** A pool's `rulesets` back-references: ruleset summaries (their `response_pools` is `[]`, §7.6). */
const rulesetSummarySchema = z.object(rulesetFields);

export const dsfResponsePoolSchema = z.object({
  dsf_response_pool_id: z.string(),
  service_id: text,
  label: text,
  core_set_count: int(0),
  eligible: bool(true),
  automation,
  status: text,
  last_monitored: int(0),
  pending_change: pendingChange,
  rs_chains: z.array(dsfChainSchema).nullish().transform((v) => v ?? []),
  rulesets: z.array(rulesetSummarySchema).nullish().transform((v) => v ?? []),
});
export type DsfResponsePool = z.output<typeof dsfResponsePoolSchema>;

export const dsfRulesetSchema = z.object({
  ...rulesetFields,
  response_pools: z.array(dsfResponsePoolSchema).nullish().transform((v) => v ?? []),
});
export type DsfRuleset = z.output<typeof dsfRulesetSchema>;

const notifierSummarySchema = z.object({
  notifier_id: z.string(),
  label: text,
  recipients: z.array(z.unknown()).nullish().transform((v) => v ?? []),
  active: bool(true),
});

export const dsfServiceSchema = z.object({
  service_id: z.string(),
  label: text,
  ttl: int(0),
  active: bool(true),
  pending_change: pendingChange,
  nodes: z.array(dsfNodeSchema).nullish().transform((v) => v ?? []),
  /** notifier links (§7.5, dyn-python's shape): `link_id` is what `removeDsfServiceNotifier` takes */
  notifiers: z
    .array(z.object({ link_id: z.string(), active: bool(true), notifier: notifierSummarySchema }))
    .nullish()
    .transform((v) => v ?? []),
  rulesets: z.array(dsfRulesetSchema).nullish().transform((v) => v ?? []),
});
/** A whole Traffic Director service (§7.5): nodes, notifier links and every ruleset with its tree. */
export type DsfService = z.output<typeof dsfServiceSchema>;

// ---- account level: monitors and notifiers ------------------------------------------------------

export const DSF_MONITOR_PROTOCOLS = ["HTTP", "HTTPS", "PING", "SMTP", "TCP"] as const;
export type DsfMonitorProtocol = (typeof DSF_MONITOR_PROTOCOLS)[number];

const OPTION_KEYS = ["timeout", "port", "path", "host", "header", "expected"] as const;

/** A monitor's probe settings, typed; replies give them under `options` or flattened to top-level strings (§7.5, pain point 13). */
export interface DsfMonitorOptions {
  /** Seconds to wait for an answer (1–3600). */
  timeout?: number;
  /** The port to probe (1–65535), e.g. 443. */
  port?: number;
  /** HTTP(S): the path requested, e.g. `"/health"`. */
  path?: string;
  /** HTTP(S): the Host header, e.g. `"www.example.com"`. */
  host?: string;
  /** HTTP(S): extra request headers. */
  header?: string;
  /** Text the answer must contain. */
  expected?: string;
}

function monitorOptions(m: Record<string, unknown>): DsfMonitorOptions {
  const nested = typeof m.options === "object" && m.options !== null ? (m.options as Record<string, unknown>) : {};
  const out: DsfMonitorOptions = {};
  for (const key of OPTION_KEYS) {
    const raw = nested[key] !== undefined && nested[key] !== "" ? nested[key] : m[key];
    if (raw === undefined || raw === null || raw === "") continue;
    if (key === "timeout" || key === "port") {
      const n = Number(raw);
      if (Number.isInteger(n)) out[key] = n;
    } else out[key] = String(raw);
  }
  return out;
}

export const dsfMonitorSchema = z
  .looseObject({
    dsf_monitor_id: z.string(),
    label: text,
    protocol: text.transform((v) => v.toUpperCase()),
    response_count: int(0),
    probe_interval: int(0),
    retries: int(0),
    active: bool(true),
    agent_scheme: text,
    services: strings,
    endpoints: z
      .array(z.object({ address: text, label: text, active: bool(true), site_prefs: strings }))
      .nullish()
      .transform((v) => v ?? []),
  })
  .transform((m) => ({
    dsf_monitor_id: m.dsf_monitor_id,
    label: m.label,
    protocol: m.protocol as DsfMonitorProtocol,
    response_count: m.response_count,
    probe_interval: m.probe_interval,
    retries: m.retries,
    active: m.active,
    agent_scheme: m.agent_scheme,
    /** the services whose record sets use this monitor */
    services: m.services,
    endpoints: m.endpoints,
    options: monitorOptions(m),
  }));
/** A DSF monitor (§7.5) with its options typed, wherever the reply put them. */
export type DsfMonitor = z.output<typeof dsfMonitorSchema>;

export const notifierSchema = z.object({
  notifier_id: z.string(),
  label: text,
  recipients: z.array(z.unknown()).nullish().transform((v) => v ?? []),
  active: bool(true),
  services: z
    .array(z.object({ service_class: text, service_id: text, active: bool(true) }))
    .nullish()
    .transform((v) => v ?? []),
});
/** A notifier (§7.5, §8): recipients and the services it reports on. */
export type Notifier = z.output<typeof notifierSchema>;
