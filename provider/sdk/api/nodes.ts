/** Nodes (§5.3): implicit containers of records. */
import { z } from "zod";
import type { ApiCaller } from "../engine/call";
import { fqdnSegment } from "../schemas/record";
import { zoneInfoSchema, zoneSegment, type ZoneInfo } from "../schemas/zone";

/** fqdns at or below `fqdn` (default: the apex), the base node included (§5.3). */
export async function listNodes(s: ApiCaller, zone: string, fqdn?: string): Promise<string[]> {
  const path = `/REST/NodeList/${zoneSegment(zone)}/${fqdn ? `${fqdnSegment(fqdn)}/` : ""}`;
  return (await s.call("GET", path, undefined, { schema: z.array(z.string()) })).data;
}

/**
 * Removes a node, its records and everything below it (pending until publish). Returns the zone,
 * or undefined when a repeat after a lost connection found the node already gone.
 */
export async function deleteNode(s: ApiCaller, zone: string, fqdn: string): Promise<ZoneInfo | undefined> {
  const path = `/REST/Node/${zoneSegment(zone)}/${fqdnSegment(fqdn)}/`;
  return (await s.call("DELETE", path, undefined, { schema: zoneInfoSchema as unknown as z.ZodType<ZoneInfo> })).data;
}
