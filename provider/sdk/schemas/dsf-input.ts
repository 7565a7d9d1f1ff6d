/**
 * Traffic Director request bodies ("zod in", dynect-api.md §7.2, §7.4): typed inputs validated
 * before anything is sent — record data against the SDK's rdata table (§6.3) and the record set's
 * class, weights by class (A/AAAA 1–15, others 1–255, §7.5), counts, automation modes, geo codes
 * (regions by name, abbreviation or code) — then written in the wire form: JSON numbers and
 * booleans (§7.6 "requests carry JSON numbers and booleans"), `rdata: {"<type>_rdata": {…}}`,
 * `criteria: {geoip: {region, country, province}}` with string codes. Field names are DynECT's.
 */
import { z } from "zod";
import { InvalidDataError, formatMessage, type DynCall } from "../errors";
import { canonicalRdata, validateRdata, type RecordType } from "./rdata";
import { DSF_AUTOMATIONS, DSF_MONITOR_PROTOCOLS, type DsfAutomation, type DsfMonitorOptions, type DsfMonitorProtocol } from "./dsf";
import { countryCode, provinceCode, regionCode } from "./dsf-geo";

/** Record classes a DSF record set may hold: the §7.5 reply template without SOA and POLICY (CAA is not in it). */
export const DSF_RDATA_CLASSES = [
  "A", "AAAA", "ALIAS", "CDNSKEY", "CDS", "CERT", "CNAME", "CSYNC", "DHCID", "DNAME", "DNSKEY", "DS", "IPSECKEY", "KEY",
  "KX", "LOC", "MX", "NAPTR", "NS", "NSAP", "PTR", "PX", "RP", "SPF", "SRV", "SSHFP", "TLSA", "TXT",
] as const satisfies readonly RecordType[];
export type DsfRdataClass = (typeof DSF_RDATA_CLASSES)[number];

export function isDsfRdataClass(value: string): value is DsfRdataClass {
  return (DSF_RDATA_CLASSES as readonly string[]).includes(value);
}

/** The weights a record of `rdataClass` may carry (§7.5: A/AAAA 1–15, CNAME and the rest 1–255). */
export function dsfWeightRange(rdataClass: string): [number, number] {
  return rdataClass === "A" || rdataClass === "AAAA" ? [1, 15] : [1, 255];
}

export interface DsfRecordInput {
  /** The fields of the record set's class (§6.3 names), e.g. `{ address: "192.0.2.1" }`. */
  rdata: Record<string, unknown>;
  weight?: number;
  label?: string;
  automation?: DsfAutomation;
  eligible?: boolean;
  endpoints?: string[];
  endpoint_up_count?: number;
  ttl?: number;
}

export interface DsfRecordSetInput {
  rdata_class: DsfRdataClass;
  label?: string;
  /** null = inherit the service TTL */
  ttl?: number | null;
  automation?: DsfAutomation;
  eligible?: boolean;
  serve_count?: number;
  fail_count?: number;
  trouble_count?: number;
  /** null detaches the monitor */
  dsf_monitor_id?: string | null;
  records?: DsfRecordInput[];
}

export interface DsfFailoverChainInput {
  label?: string;
  core?: boolean;
  record_sets?: DsfRecordSetInput[];
}

export interface DsfResponsePoolInput {
  label?: string;
  core_set_count?: number;
  eligible?: boolean;
  automation?: DsfAutomation;
  rs_chains?: DsfFailoverChainInput[];
}

/** An entry of a ruleset's `response_pools` (§7.4): a new pool, an existing pool of the service, or a last-resort value. */
export type DsfPoolEntry = DsfResponsePoolInput | { dsf_response_pool_id: string } | { failover: string };

/** Geo criteria: regions by name (`"north-america"`), abbreviation (`"NA"`) or code (`11`); ISO countries; US/CA provinces. */
export interface DsfCriteriaInput {
  region?: (string | number)[];
  country?: string[];
  province?: string[];
}

export interface DsfRulesetInput {
  label?: string;
  /** default: `geoip` when any code is given, else `always` */
  criteria_type?: "always" | "geoip";
  criteria?: DsfCriteriaInput | null;
  response_pools?: DsfPoolEntry[];
}

export interface DsfServiceInput {
  label: string;
  ttl?: number;
  nodes?: { zone: string; fqdn: string }[];
  /** notifier ids to link */
  notifiers?: string[];
  rulesets?: DsfRulesetInput[];
}

export interface DsfMonitorInput {
  label: string;
  protocol: DsfMonitorProtocol;
  response_count?: number;
  probe_interval?: number;
  retries?: number;
  active?: boolean;
  /** Probe options; `null` clears one (a PUT merges options key by key, §7.2). */
  options?: { [K in keyof DsfMonitorOptions]?: DsfMonitorOptions[K] | null };
  endpoints?: { address: string; label?: string; active?: boolean; site_prefs?: string[] }[];
}

export interface NotifierInput {
  label: string;
  recipients?: ({ recipient: string; format?: string; features?: string[] } | string)[];
  services?: { service_class: "DSF" | "Monitor"; service_id: string; active?: boolean }[];
}

// ---- structure (zod) ---------------------------------------------------------------------------

const int = (min: number, max: number) => z.number().int().min(min).max(max);
const ttl = int(0, 2147483647);
const automation = z.enum(DSF_AUTOMATIONS);
const label = z.string();

export const dsfRecordInputSchema = z.object({
  rdata: z.record(z.string(), z.unknown()),
  weight: int(1, 255).optional(),
  label: label.optional(),
  automation: automation.optional(),
  eligible: z.boolean().optional(),
  endpoints: z.array(z.string()).optional(),
  endpoint_up_count: int(0, 255).optional(),
  ttl: ttl.optional(),
});

export const dsfRecordSetInputSchema = z.object({
  rdata_class: z.enum(DSF_RDATA_CLASSES),
  label: label.optional(),
  ttl: ttl.nullable().optional(),
  automation: automation.optional(),
  eligible: z.boolean().optional(),
  serve_count: int(1, 255).optional(),
  fail_count: int(0, 255).optional(),
  trouble_count: int(0, 255).optional(),
  dsf_monitor_id: z.string().min(1).nullable().optional(),
  records: z.array(dsfRecordInputSchema).optional(),
});

export const dsfChainInputSchema = z.object({ label: label.optional(), core: z.boolean().optional(), record_sets: z.array(dsfRecordSetInputSchema).optional() });

export const dsfPoolInputSchema = z.object({
  label: label.optional(),
  core_set_count: int(0, 255).optional(),
  eligible: z.boolean().optional(),
  automation: automation.optional(),
  rs_chains: z.array(dsfChainInputSchema).optional(),
});

const poolEntrySchema = z.union([z.object({ dsf_response_pool_id: z.string().min(1) }), z.object({ failover: z.string().min(1) }), dsfPoolInputSchema]);

export const dsfRulesetInputSchema = z.object({
  label: label.optional(),
  criteria_type: z.enum(["always", "geoip"]).optional(),
  criteria: z
    .object({ region: z.array(z.union([z.string(), z.number()])).optional(), country: z.array(z.string()).optional(), province: z.array(z.string()).optional() })
    .nullable()
    .optional(),
  response_pools: z.array(poolEntrySchema).optional(),
});

/** §7.5: no `* < > % /`, and the first character a letter or digit. */
export const dsfServiceLabelSchema = z
  .string()
  .min(1)
  .refine((v) => !/[*<>%/]/.test(v) && /^[A-Za-z0-9]/.test(v), "must start with a letter or digit and contain none of * < > % /");

export const dsfServiceInputSchema = z.object({
  label: dsfServiceLabelSchema,
  ttl: ttl.optional(),
  nodes: z.array(z.object({ zone: z.string().min(1), fqdn: z.string().min(1) })).optional(),
  notifiers: z.array(z.string().min(1)).optional(),
  rulesets: z.array(dsfRulesetInputSchema).optional(),
});

export const dsfMonitorInputSchema = z.object({
  label: z.string().min(1),
  protocol: z.enum(DSF_MONITOR_PROTOCOLS),
  response_count: int(0, 2).optional(),
  probe_interval: int(1, 86400).optional(),
  retries: int(0, 255).optional(),
  active: z.boolean().optional(),
  options: z
    .object({
      timeout: int(1, 3600).nullable().optional(),
      port: int(1, 65535).nullable().optional(),
      path: z.string().nullable().optional(),
      host: z.string().nullable().optional(),
      header: z.string().nullable().optional(),
      expected: z.string().nullable().optional(),
    })
    .optional(),
  endpoints: z.array(z.object({ address: z.string().min(1), label: z.string().optional(), active: z.boolean().optional(), site_prefs: z.array(z.string()).optional() })).optional(),
});

export const notifierInputSchema = z.object({
  label: z.string().min(1),
  recipients: z.array(z.union([z.string().min(1), z.object({ recipient: z.string().min(1), format: z.string().optional(), features: z.array(z.string()).optional() })])).optional(),
  services: z.array(z.object({ service_class: z.enum(["DSF", "Monitor"]), service_id: z.string().min(1), active: z.boolean().optional() })).optional(),
});

// ---- the checks zod cannot express, and the wire form ----------------------------------------

type Body = Record<string, unknown>;

function invalid(call: DynCall, what: string, field: string, reason: string): never {
  throw new InvalidDataError(formatMessage(`Invalid ${what}`, call, [`${field}: ${reason}`]), { call, field });
}

/** Copies the keys of `input` that are set (not undefined), renamed where the wire differs. */
function defined(input: object, skip: readonly string[] = []): Body {
  const out: Body = {};
  for (const [k, v] of Object.entries(input)) if (v !== undefined && !skip.includes(k)) out[k] = v;
  return out;
}

/** `rdata: {"<type>_rdata": {…}}` of a record of `rdataClass`, validated against the rdata table. */
export function dsfRdataBody(rdataClass: DsfRdataClass, rdata: Record<string, unknown>, call: DynCall, path: string): Body {
  const canonical = canonicalRdata(rdataClass, rdata);
  const problems = validateRdata(rdataClass, canonical);
  if (problems.length > 0) invalid(call, "Traffic Director record", `${path}rdata.${problems[0].field}`, problems[0].reason);
  return { [`${rdataClass.toLowerCase()}_rdata`]: canonical };
}

/** A record's fields; `rdata` (when given) in the wire form of its class, weights checked by class. */
export function dsfRecordBody(rdataClass: DsfRdataClass, r: Partial<DsfRecordInput>, call: DynCall, path = ""): Body {
  if (r.weight !== undefined) {
    const [min, max] = dsfWeightRange(rdataClass);
    if (r.weight < min || r.weight > max) invalid(call, "Traffic Director record", `${path}weight`, `must be ${min}–${max} for ${rdataClass} records`);
  }
  const body = defined(r, ["rdata"]);
  if (r.rdata !== undefined) body.rdata = dsfRdataBody(rdataClass, r.rdata, call, path);
  return body;
}

export function dsfRecordSetBody(s: DsfRecordSetInput, call: DynCall, path = ""): Body {
  const body = defined(s, ["records", "ttl", "dsf_monitor_id"]);
  if (s.ttl !== undefined) body.ttl = s.ttl === null ? "" : s.ttl;
  if (s.dsf_monitor_id !== undefined) body.dsf_monitor_id = s.dsf_monitor_id ?? "";
  if (s.records) body.records = s.records.map((r, i) => dsfRecordBody(s.rdata_class, r, call, `${path}records[${i}].`));
  return body;
}

export function dsfChainBody(c: DsfFailoverChainInput, call: DynCall, path = ""): Body {
  const body = defined(c, ["record_sets"]);
  if (c.record_sets) body.record_sets = c.record_sets.map((s, i) => dsfRecordSetBody(s, call, `${path}record_sets[${i}].`));
  return body;
}

export function dsfPoolBody(p: DsfResponsePoolInput, call: DynCall, path = ""): Body {
  const body = defined(p, ["rs_chains"]);
  if (p.rs_chains) body.rs_chains = p.rs_chains.map((c, i) => dsfChainBody(c, call, `${path}rs_chains[${i}].`));
  return body;
}

function poolEntryBody(e: DsfPoolEntry, call: DynCall, path: string): Body {
  if ("dsf_response_pool_id" in e) return { dsf_response_pool_id: e.dsf_response_pool_id };
  if ("failover" in e) return { failover: e.failover };
  return dsfPoolBody(e, call, path);
}

/** Criteria in the stored form of §7.4: all three lists, string codes; regions by name or code. */
export function dsfCriteriaBody(c: DsfCriteriaInput | null | undefined, call: DynCall, path = ""): { region: string[]; country: string[]; province: string[] } {
  const codes = (kind: "region" | "country" | "province", list: unknown[] | undefined, read: (v: unknown) => string | undefined, expected: string) =>
    (list ?? []).map((v, i) => read(v) ?? invalid(call, "Traffic Director criteria", `${path}criteria.${kind}[${i}]`, `${JSON.stringify(v)} is not ${expected}`));
  return {
    region: codes("region", c?.region, regionCode, "a region (north-america, south-america, europe, africa, asia, oceania, antarctica, or Dyn's code 11-17)"),
    country: codes("country", c?.country, countryCode, "an ISO 3166-1 alpha-2 country code"),
    province: codes("province", c?.province, provinceCode, "a US state or Canadian province code"),
  };
}

export function dsfRulesetBody(r: DsfRulesetInput, call: DynCall, path = ""): Body {
  const body = defined(r, ["criteria", "criteria_type", "response_pools"]);
  const geoip = dsfCriteriaBody(r.criteria, call, path);
  const hasCodes = geoip.region.length + geoip.country.length + geoip.province.length > 0;
  body.criteria_type = r.criteria_type ?? (hasCodes ? "geoip" : "always");
  body.criteria = hasCodes ? { geoip } : null;
  if (r.response_pools) body.response_pools = r.response_pools.map((e, i) => poolEntryBody(e, call, `${path}response_pools[${i}].`));
  return body;
}

export function dsfServiceBody(s: DsfServiceInput, call: DynCall): Body {
  const body = defined(s, ["notifiers", "rulesets"]);
  if (s.notifiers) body.notifiers = s.notifiers.map((notifier_id) => ({ notifier_id }));
  if (s.rulesets) body.rulesets = s.rulesets.map((r, i) => dsfRulesetBody(r, call, `rulesets[${i}].`));
  return body;
}

/** `publish` as DynECT takes it (§7.3): "Y" applies now, "N" stages. */
export function publishFlag(publish: boolean | undefined, dflt: boolean): "Y" | "N" {
  return (publish ?? dflt) ? "Y" : "N";
}
