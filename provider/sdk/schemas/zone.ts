/** zod shapes of zone answers (§5.1, §5.3). */
import { z } from "zod";
import { pathSegment } from "./path";

export const SERIAL_STYLES = ["increment", "epoch", "day", "minute"] as const;
export type SerialStyle = (typeof SERIAL_STYLES)[number];

const intLike = z.union([z.number(), z.string().regex(/^\d+$/).transform(Number)]);

export const zoneInfoSchema = z.looseObject({
  zone: z.string(),
  serial: intLike,
  serial_style: z.enum(SERIAL_STYLES),
  zone_type: z.string(),
});
export type ZoneInfo = { zone: string; serial: number; serial_style: SerialStyle; zone_type: string };

/** Publish answer: the zone plus the system task it started (`task_id` is a string, §5.1). */
export const publishResultSchema = zoneInfoSchema.extend({
  task_id: z.union([z.string(), z.number().transform(String)]).optional(),
});
export type PublishResult = ZoneInfo & { task_id?: string };

/** `GET /REST/ZoneChanges/` items: the shape is unconfirmed (§5.2), so only the known core is typed. */
export const zoneChangeSchema = z.looseObject({
  zone: z.string().optional(),
  fqdn: z.string().optional(),
  rdata_type: z.string().optional(),
  ttl: intLike.optional(),
  rdata: z.record(z.string(), z.unknown()).optional(),
  id: z.number().optional(),
});
export type ZoneChange = z.infer<typeof zoneChangeSchema>;

export const createZoneInputSchema = z.object({
  rname: z.string().min(3),
  ttl: z.number().int().min(0),
  serialStyle: z.enum(SERIAL_STYLES).optional(),
});
export type CreateZoneInput = z.infer<typeof createZoneInputSchema>;

export const updateSoaInputSchema = z.object({
  rname: z.string().min(3),
  ttl: z.number().int().min(0).optional(),
  minimum: z.number().int().min(0).optional(),
  serialStyle: z.enum(SERIAL_STYLES).optional(),
});
export type UpdateSoaInput = z.infer<typeof updateSoaInputSchema>;

/** A zone name as a path segment: lower case, no trailing dot (§1: the dot is tolerated, never needed). */
export function zoneSegment(zone: string): string {
  return pathSegment(zone, "zone name");
}
