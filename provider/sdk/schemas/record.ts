/** zod shapes of record answers (§6.2, §5.4). */
import { z } from "zod";
import { pathSegment } from "./path";
import { RECORD_TYPES, type RecordType } from "./rdata";

const intLike = z.union([z.number(), z.string().regex(/^-?\d+$/).transform(Number)]);

export const dynRecordSchema = z.looseObject({
  zone: z.string(),
  fqdn: z.string(),
  record_type: z.enum(RECORD_TYPES as [RecordType, ...RecordType[]]),
  ttl: intLike,
  rdata: z.record(z.string(), z.unknown()),
  record_id: intLike,
  service_class: z.string().optional(),
  serial_style: z.string().optional(),
});

/** One record as DynECT returns it (§6.2). `record_id` is 0 until the zone is published. */
export interface DynRecord {
  zone: string;
  fqdn: string;
  record_type: RecordType;
  ttl: number;
  rdata: Record<string, unknown>;
  record_id: number;
  service_class?: string;
  serial_style?: string;
}

export const dynRecordListSchema = z.array(dynRecordSchema);

/** AllRecord `detail=Y` (§5.4): `{ "<type>_records": [...] }`, unknown keys tolerated. */
export const allRecordDetailSchema = z.record(z.string(), z.array(z.unknown()));

/** AllRecord `detail=Y` data — the per-type object or a bare list — as one flat list of records. */
export const allRecordsSchema = z
  .union([allRecordDetailSchema, z.array(z.unknown())])
  .transform((d) => (Array.isArray(d) ? d : Object.values(d).flat()))
  .pipe(dynRecordListSchema);

export const ttlSchema = z.number().int().min(0).max(2147483647);

/** An fqdn as a path segment: lower case, no trailing dot (`*` wildcards allowed). */
export function fqdnSegment(fqdn: string): string {
  return pathSegment(fqdn, "fqdn");
}
