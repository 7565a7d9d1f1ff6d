/**
 * The normalised shapes the provider stores: inputs as returned by `check`, outputs as returned by
 * create/read/update. Outputs always echo the normalised inputs (so `diff` and `ignoreChanges`
 * work on the same form, pulumi-dynamic-notes §7) plus the computed values.
 */
import { z } from "zod";
import { USER_RECORD_TYPES, rdataSchema, type RecordType } from "../sdk/schemas/rdata";

export const SERIAL_STYLES = ["increment", "epoch", "day", "minute"] as const;
export type SerialStyle = (typeof SERIAL_STYLES)[number];

/** Resource kinds, as the shims name them. Fixed for ever: old state carries these strings. */
export const KINDS = ["zone", "record", "recordSet"] as const;
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
  /** Canonically sorted. */
  records: Record<string, unknown>[];
  adopt?: boolean;
}
export interface RecordSetOutputs extends RecordSetInputs {
  fqdn: string;
  recordIds: number[];
}

/** Record types users may declare (SOA is system-owned, §6.4). */
export const userRecordTypeSchema = z.enum(USER_RECORD_TYPES as [RecordType, ...RecordType[]]);

/**
 * A record's `type` + `rdata`, as a zod discriminated union over every user type of §6.3: the
 * final structural check on fully-known, normalised record inputs.
 */
export const typedRdataSchema = z.discriminatedUnion(
  "type",
  USER_RECORD_TYPES.map((type) => z.object({ type: z.literal(type), rdata: rdataSchema(type) })) as unknown as [
    z.ZodObject<{ type: z.ZodLiteral<RecordType>; rdata: z.ZodType }>,
    ...z.ZodObject<{ type: z.ZodLiteral<RecordType>; rdata: z.ZodType }>[],
  ],
);

export const TTL_MAX = 2147483647;
