/**
 * Traffic Director services (dynect-api.md §7.2–§7.4): the service itself — list, get (published,
 * or with `pending_changes=Y`), the whole tree in one `POST /REST/DSF/`, the service-level PUT
 * actions (label/ttl, publish, revert, reorder, notifier links, remove orphans), the immediate
 * DELETE — and its nodes (`/REST/DSFNode/<service_id>`). One request per call.
 *
 * `publish` (§7.3): every mutation here defaults to "Y" (apply now), as dyn-python does; pass
 * `{ publish: false }` to stage changes and publish them with `publishDsfService`.
 */
import type { ApiCaller } from "../engine/call";
import { dsfNodeSchema, dsfServiceSchema, type DsfNode, type DsfService } from "../schemas/dsf";
import { dsfServiceBody, dsfServiceInputSchema, publishFlag, type DsfServiceInput } from "../schemas/dsf-input";
import { fqdnSegment } from "../schemas/record";
import { zoneSegment } from "../schemas/zone";
import { checkInput } from "./validate";
import { z } from "zod";

export type { DsfService, DsfNode };

/** Options of a DSF mutation. */
export interface DsfWriteOptions {
  /** true (default): apply now; false: stage until the service is published (§7.3). */
  publish?: boolean;
  /** Added to the zone notes of the attached zones when this call publishes. */
  notes?: string;
}

/** Options of a DSF read. */
export interface DsfReadOptions {
  /** Show the staged change set too (`pending_changes=Y`, §7.3), each object flagged in `pending_change`. */
  pendingChanges?: boolean;
}

/** An opaque DSF id as one path segment (§7.1: URL-safe strings). */
export function dsfId(id: string, what: string): string {
  if (typeof id !== "string" || id.trim() === "" || id.includes("/")) throw new TypeError(`invalid ${what} "${id}"`);
  return encodeURIComponent(id.trim());
}

export const servicePath = (id: string) => `/REST/DSF/${dsfId(id, "service id")}/`;
const serviceSchema = dsfServiceSchema as z.ZodType<DsfService>;

export function writeArgs(o: DsfWriteOptions | undefined, extra: Record<string, unknown> = {}): Record<string, unknown> {
  const args: Record<string, unknown> = { ...extra, publish: publishFlag(o?.publish, true) };
  if (o?.notes !== undefined) args.notes = o.notes;
  return args;
}

export function readArgs(o: DsfReadOptions | undefined, extra: Record<string, unknown> = {}): Record<string, unknown> | undefined {
  const args = o?.pendingChanges ? { ...extra, pending_changes: "Y" } : extra;
  return Object.keys(args).length > 0 ? args : undefined;
}

/** Every service of the account, each with its whole tree (`detail=Y`). */
export async function listDsfServices(s: ApiCaller, opts?: DsfReadOptions): Promise<DsfService[]> {
  return (await s.call("GET", "/REST/DSF/", readArgs(opts, { detail: "Y" }), { schema: z.array(serviceSchema) })).data;
}

/** One service with its whole tree: rulesets → pools → chains → record sets → records (§7.5). */
export async function getDsfService(s: ApiCaller, serviceId: string, opts?: DsfReadOptions): Promise<DsfService> {
  return (await s.call("GET", servicePath(serviceId), readArgs(opts), { schema: serviceSchema })).data;
}

/**
 * Creates a service with its whole tree in one `POST /REST/DSF/` (§7.4) and publishes it unless
 * `publish: false`. After an ambiguous failure (connection lost after sending) it looks for a
 * service with the same label and nodes instead of creating a second one.
 */
export async function createDsfService(s: ApiCaller, input: DsfServiceInput, opts?: DsfWriteOptions): Promise<DsfService> {
  const call = { method: "POST", path: "/REST/DSF/" };
  const i = checkInput(dsfServiceInputSchema, input, "Traffic Director service", call) as DsfServiceInput;
  const body = { ...dsfServiceBody(i, call), ...writeArgs(opts) };
  const nodes = (i.nodes ?? []).map((n) => `${zoneSegment(n.zone)} ${fqdnSegment(n.fqdn)}`).sort();
  const res = await s.call("POST", call.path, body, {
    schema: serviceSchema,
    verifyAfterAmbiguousFailure: async (unqueued) => {
      const same = (await listDsfServices(unqueued)).filter(
        (svc) => svc.label === i.label && JSON.stringify(svc.nodes.map((n) => `${n.zone} ${n.fqdn}`).sort()) === JSON.stringify(nodes),
      );
      return same.length === 1 ? same[0] : undefined;
    },
  });
  return res.data;
}

/** Changes the service's own fields (§7.2 service PUT). */
export async function updateDsfService(s: ApiCaller, serviceId: string, changes: { label?: string; ttl?: number }, opts?: DsfWriteOptions): Promise<DsfService> {
  const path = servicePath(serviceId);
  const c = checkInput(dsfServiceInputSchema.pick({ label: true, ttl: true }).partial(), changes, "Traffic Director service", { method: "PUT", path });
  return (await s.call("PUT", path, writeArgs(opts, c), { schema: serviceSchema })).data;
}

/** Makes every staged change of the service live (`PUT {"publish": "Y"}`, §7.3); answers the published service. */
export async function publishDsfService(s: ApiCaller, serviceId: string, notes?: string): Promise<DsfService> {
  return (await s.call("PUT", servicePath(serviceId), writeArgs({ publish: true, notes }), { schema: serviceSchema })).data;
}

/** Discards the service's staged changes (`{"revert": true}`, §7.2). */
export async function revertDsfService(s: ApiCaller, serviceId: string): Promise<DsfService> {
  return (await s.call("PUT", servicePath(serviceId), { revert: true }, { schema: serviceSchema })).data;
}

/** Puts the rulesets in this serving order (§7.2: a permutation of all of them). */
export async function reorderDsfRulesets(s: ApiCaller, serviceId: string, rulesetIds: string[], opts?: DsfWriteOptions): Promise<DsfService> {
  const rulesets = rulesetIds.map((id) => ({ dsf_ruleset_id: id }));
  return (await s.call("PUT", servicePath(serviceId), writeArgs(opts, { rulesets }), { schema: serviceSchema })).data;
}

/** Deletes record sets that belong to no failover chain (`remove_orphans`, §7.2). */
export async function removeDsfOrphans(s: ApiCaller, serviceId: string, opts?: DsfWriteOptions): Promise<DsfService> {
  return (await s.call("PUT", servicePath(serviceId), writeArgs(opts, { remove_orphans: "Y" }), { schema: serviceSchema })).data;
}

/** Links a notifier to the service (immediate, §7.2). */
export async function addDsfServiceNotifier(s: ApiCaller, serviceId: string, notifierId: string): Promise<DsfService> {
  const args = { add_notifier: true, notifier_id: notifierId };
  return (await s.call("PUT", servicePath(serviceId), args, { schema: serviceSchema, idempotent: false })).data;
}

/** Removes a notifier link by its `link_id` (immediate, §7.2). */
export async function removeDsfServiceNotifier(s: ApiCaller, serviceId: string, linkId: string): Promise<DsfService> {
  return (await s.call("PUT", servicePath(serviceId), { remove_notifier: true, link_id: linkId }, { schema: serviceSchema })).data;
}

/** Deletes the service and everything in it, at once (§7.2: no publish). */
export async function deleteDsfService(s: ApiCaller, serviceId: string): Promise<void> {
  await s.call("DELETE", servicePath(serviceId));
}

// ---- nodes (§7.2 DSFNode) ---------------------------------------------------------------------

const nodesPath = (serviceId: string) => `/REST/DSFNode/${dsfId(serviceId, "service id")}`;
const nodesSchema = z.array(dsfNodeSchema) as z.ZodType<DsfNode[]>;
const node = (n: { zone: string; fqdn: string }) => ({ zone: zoneSegment(n.zone), fqdn: fqdnSegment(n.fqdn) });

/** The names the service is attached to. */
export async function getDsfNodes(s: ApiCaller, serviceId: string, opts?: DsfReadOptions): Promise<DsfNode[]> {
  return (await s.call("GET", nodesPath(serviceId), readArgs(opts), { schema: nodesSchema })).data;
}

/** Attaches the service to one more name; answers the node list after the change. */
export async function addDsfNode(s: ApiCaller, serviceId: string, n: { zone: string; fqdn: string }, opts?: DsfWriteOptions): Promise<DsfNode[]> {
  return (await s.call("POST", nodesPath(serviceId), writeArgs(opts, { node: node(n) }), { schema: nodesSchema, idempotent: true })).data;
}

/** Replaces the node list; answers it. */
export async function replaceDsfNodes(s: ApiCaller, serviceId: string, nodes: { zone: string; fqdn: string }[], opts?: DsfWriteOptions): Promise<DsfNode[]> {
  return (await s.call("PUT", nodesPath(serviceId), writeArgs(opts, { nodes: nodes.map(node) }), { schema: nodesSchema })).data;
}

/** Detaches the service from one name; the node travels in a JSON body, as dyn-python sends it (§1). */
export async function removeDsfNode(s: ApiCaller, serviceId: string, n: { zone: string; fqdn: string }, opts?: DsfWriteOptions): Promise<DsfNode[]> {
  return (await s.call("DELETE", nodesPath(serviceId), writeArgs(opts, { node: node(n) }), { schema: nodesSchema, jsonBody: true })).data;
}
