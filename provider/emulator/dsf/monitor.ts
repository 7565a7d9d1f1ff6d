/**
 * DSF monitors (`/REST/DSFMonitor/`, dynect-api.md §7.5, §7.6): account-level, immediate (no
 * publish). Requests nest the probe options under `options`; replies flatten them to top-level
 * strings, and endpoints carry exactly `address`, `label`, `active`, `site_prefs` (dyn-python builds
 * `DSFMonitorEndpoint(**endpoint)` from each).
 */
import { fail } from "../envelope";
import { TEXT } from "../messages";
import { readBool, readInt, readLabel, readObject, readObjectList, readStringList } from "./fields";
import { newId } from "./model";

export const PROTOCOLS = ["HTTP", "HTTPS", "PING", "SMTP", "TCP"] as const;
export const OPTION_KEYS = ["timeout", "port", "path", "host", "header", "expected"] as const;
type OptionKey = (typeof OPTION_KEYS)[number];

export interface MonitorEndpoint {
  address: string;
  label: string;
  active: "Y" | "N";
  site_prefs: string[];
}

export interface Monitor {
  id: string;
  customer: string;
  label: string;
  protocol: string;
  responseCount: number;
  probeInterval: number;
  retries: number;
  active: "Y" | "N";
  /** option values as strings ("" when unset) */
  options: Record<OptionKey, string>;
  endpoints: MonitorEndpoint[];
}

type Body = Record<string, unknown>;

const yn = (field: string, raw: unknown, dflt: "Y" | "N"): "Y" | "N" => (readBool(field, raw, dflt === "Y") ? "Y" : "N");

function readProtocol(raw: unknown): string {
  const p = typeof raw === "string" ? raw.trim().toUpperCase() : "";
  if (!(PROTOCOLS as readonly string[]).includes(p)) throw fail(400, "INVALID_DATA", TEXT.badArg("protocol", `must be one of ${PROTOCOLS.join(", ")}`));
  return p;
}

function readOption(key: OptionKey, raw: unknown): string {
  if (raw === undefined || raw === null || raw === "") return "";
  if (key === "port") return String(readInt("port", raw, 1, 65535, 0));
  if (key === "timeout") return String(readInt("timeout", raw, 1, 3600, 0));
  if (typeof raw !== "string") throw fail(400, "INVALID_DATA", TEXT.badArg(key, "must be a string"));
  return raw;
}

function readEndpoints(raw: unknown): MonitorEndpoint[] {
  return (readObjectList("endpoints", raw) ?? []).map((e) => {
    if (typeof e.address !== "string" || e.address.trim() === "") throw fail(400, "MISSING_DATA", TEXT.missingArg("endpoints.address"));
    return { address: e.address.trim(), label: readLabel("endpoints.label", e.label, ""), active: yn("endpoints.active", e.active, "Y"), site_prefs: readStringList("endpoints.site_prefs", e.site_prefs, []) };
  });
}

/**
 * The fields of a monitor POST/PUT applied to `m` (all of them on POST). Options merge key by key
 * (whether the live API merged or replaced is unconfirmed); the flattened top-level spellings
 * of the replies are accepted too, `options` wins.
 */
function apply(m: Monitor, body: Body, creating: boolean): void {
  const has = (k: string) => creating || body[k] !== undefined;
  if (creating && (body.label === undefined || body.label === null || body.label === "")) throw fail(400, "MISSING_DATA", TEXT.missingArg("label"));
  if (creating && (body.protocol === undefined || body.protocol === null || body.protocol === "")) throw fail(400, "MISSING_DATA", TEXT.missingArg("protocol"));
  if (has("label")) m.label = readLabel("label", body.label, m.label);
  if (has("protocol")) m.protocol = readProtocol(body.protocol);
  // dyn-python: "The minimum number of agents reporting the host as up … Must be 0, 1 or 2"
  if (has("response_count")) m.responseCount = readInt("response_count", body.response_count, 0, 2, m.responseCount);
  if (has("probe_interval")) m.probeInterval = readInt("probe_interval", body.probe_interval, 1, 86400, m.probeInterval);
  if (has("retries")) m.retries = readInt("retries", body.retries, 0, 255, m.retries);
  if (has("active")) m.active = yn("active", body.active, m.active);
  if (has("endpoints")) m.endpoints = readEndpoints(body.endpoints);
  const nested = readObject("options", body.options) ?? {};
  for (const k of OPTION_KEYS) {
    const raw = nested[k] !== undefined ? nested[k] : body[k];
    if (raw !== undefined) m.options[k] = readOption(k, raw);
  }
}

export function createMonitor(customer: string, body: Body): Monitor {
  const m: Monitor = {
    id: newId(),
    customer,
    label: "",
    protocol: "",
    // defaults where absent: what octoDNS sends and the recorded monitors show
    responseCount: 2,
    probeInterval: 60,
    retries: 2,
    active: "Y",
    options: { timeout: "", port: "", path: "", host: "", header: "", expected: "" },
    endpoints: [],
  };
  apply(m, body, true);
  return m;
}

/** A PUT: the given fields on a copy (the caller stores it only when valid). */
export function updatedMonitor(m: Monitor, body: Body): Monitor {
  const next = structuredClone(m);
  apply(next, body, false);
  return next;
}

/**
 * The reply shape (§7.5, fixtures dsf_monitor_list / dsf_monitor_create): options flattened as
 * strings; `notifier` is `[]` in GET replies and `""` in POST/PUT replies, as recorded.
 */
export function monitorJson(m: Monitor, services: string[], reply: "get" | "write"): Record<string, unknown> {
  return {
    active: m.active,
    agent_scheme: "geo",
    dsf_monitor_id: m.id,
    endpoints: m.endpoints.map((e) => ({ address: e.address, label: e.label, active: e.active, site_prefs: [...e.site_prefs] })),
    label: m.label,
    notifier: reply === "get" ? [] : "",
    ...m.options,
    probe_interval: String(m.probeInterval),
    protocol: m.protocol,
    response_count: String(m.responseCount),
    retries: String(m.retries),
    services,
  };
}
