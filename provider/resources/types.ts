/**
 * The normalised shapes the provider stores: inputs as returned by `check`, outputs as returned by
 * create/read/update. Outputs always echo the normalised inputs (so `diff` and `ignoreChanges`
 * work on the same form, pulumi-dynamic-notes §7) plus the computed values.
 */
import type { RecordType } from "../sdk/schemas/rdata";
import type { SerialStyle } from "../sdk/schemas/zone";

export type { SerialStyle };

/** Resource kinds, as the shims name them. Fixed for ever: old state carries these strings. */
export const KINDS = ["zone", "record", "recordSet", "zoneRecords", "trafficDirector", "trafficDirectorMonitor"] as const;
export type ResourceKind = (typeof KINDS)[number];

export interface ZoneInputs {
  name: string;
  contact: string;
  ttl: number;
  serialStyle: SerialStyle;
  adopt?: boolean;
}
export interface ZoneOutputs extends ZoneInputs {
  serial: number;
  zoneType: string;
}

export interface RecordInputs {
  zone: string;
  /** Relative label, `"@"` for the apex. */
  name: string;
  type: RecordType;
  /** 0 = the zone's default TTL. */
  ttl: number;
  rdata: Record<string, unknown>;
  adopt?: boolean;
}
export interface RecordOutputs extends RecordInputs {
  fqdn: string;
  /** DynECT's record id; it may change when the record is updated (§6.2). */
  recordId: number;
}

export interface RecordSetInputs {
  zone: string;
  name: string;
  type: RecordType;
  ttl: number;
  /** Canonical rdata keyed by its zone-file text (normalize.ts `valueKey`), keys sorted. */
  records: Record<string, Record<string, unknown>>;
  adopt?: boolean;
}
export interface RecordSetOutputs extends RecordSetInputs {
  fqdn: string;
  /** DynECT's record ids, in the order of `records`. */
  recordIds: number[];
}

export const TTL_MAX = 2147483647;

/**
 * Types of which a node holds at most one record (a CNAME node holds nothing else): a RecordSet of
 * them has one entry, a different value at the node is a conflict, and a replacement at the same
 * node deletes first.
 */
export const SINGLE_VALUED_TYPES: ReadonlySet<string> = new Set<RecordType>(["CNAME", "ALIAS", "DNAME"]);
