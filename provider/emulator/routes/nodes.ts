/** /REST/NodeList/, /REST/Node/, /REST/AllRecord/, /REST/ANYRecord/ (§5.3, §5.4, §6.1). */
import { fail, info, ok, type Outcome } from "../envelope";
import { TEXT } from "../messages";
import { assertEditable, recordJson, stage, viewOf, wantsDetail, zoneFor, zoneJson, type Ctx } from "../context";
import { RECORD_TYPES, recordsKey } from "../rdata-table";
import { sortRecords, treeOrder, type StoredRecord, type ZoneView } from "../state";
import { inZone } from "../validate";
import { recordUri } from "./records";

function under(view: ZoneView, base: string): StoredRecord[] {
  return sortRecords([...view.records.values()].filter((r) => inZone(r.fqdn, base)));
}

/** `detail=Y` shape: every `<type>_records` key present, empty arrays for absent types (§5.4). */
function byType(view: ZoneView, records: StoredRecord[]): Record<string, unknown[]> {
  const out: Record<string, unknown[]> = {};
  for (const t of RECORD_TYPES) out[recordsKey(t)] = [];
  for (const r of records) out[recordsKey(r.type)].push(recordJson(view, r));
  return out;
}

export function allRecords(ctx: Ctx): Outcome {
  const zone = zoneFor(ctx, ctx.params[0]);
  const view = viewOf(ctx, zone);
  const base = ctx.params[1] ?? zone.name;
  const records = inZone(base, zone.name) ? under(view, base) : [];
  if (records.length === 0) throw fail(404, "NOT_FOUND", TEXT.nodeNotInZone, TEXT.getTreeNotFound);
  if (wantsDetail(ctx)) return ok(byType(view, records), info(TEXT.getTree));
  return ok(
    records.map((r) => recordUri(zone.name, r)),
    info(TEXT.getTree),
  );
}

/** ANYRecord: every record of exactly one node (like AllRecord, without the subtree). */
export function anyRecords(ctx: Ctx): Outcome {
  const zone = zoneFor(ctx, ctx.params[0]);
  const view = viewOf(ctx, zone);
  const fqdn = ctx.params[1] ?? "";
  const records = sortRecords([...view.records.values()].filter((r) => r.fqdn === fqdn));
  if (records.length === 0) throw fail(404, "NOT_FOUND", TEXT.notInZone, TEXT.detailHostNotInZone);
  if (wantsDetail(ctx)) return ok(byType(view, records), info(TEXT.foundRecords(records.length)));
  return ok(
    records.map((r) => recordUri(zone.name, r)),
    info(TEXT.foundRecords(records.length)),
  );
}

/** NodeList: fqdns at or below the node, including the base node itself (§5.3). */
export function nodeList(ctx: Ctx): Outcome {
  const zone = zoneFor(ctx, ctx.params[0]);
  const view = viewOf(ctx, zone);
  const base = ctx.params[1] ?? zone.name;
  const names = new Set(under(view, base).map((r) => r.fqdn));
  if (names.size === 0) throw fail(404, "NOT_FOUND", TEXT.nodeNotInZone, TEXT.getTreeNotFound);
  // a node a published Traffic Director service is attached to exists without records (§7.2 DSFNode)
  for (const n of ctx.emu.dsf.nodeNames(zone.customer, zone.name)) if (inZone(n, base)) names.add(n);
  return ok(treeOrder([...names]), info(TEXT.nodeList));
}

/** DELETE /REST/Node/<zone>/<fqdn>/: prunes the node and everything below it, pending publish. */
export function deleteNode(ctx: Ctx): Outcome {
  const zone = zoneFor(ctx, ctx.params[0]);
  const base = ctx.params[1] ?? "";
  if (base === zone.name) throw fail(400, "ILLEGAL_OPERATION", TEXT.apexNode);
  const view = viewOf(ctx, zone);
  const records = inZone(base, zone.name) ? under(view, base) : [];
  if (records.length === 0) throw fail(404, "NOT_FOUND", TEXT.nodeNotInZone, TEXT.getTreeNotFound);
  assertEditable(ctx, zone);
  for (const r of records) stage(ctx, zone, { kind: "delete", record: r });
  return ok(zoneJson(view), info(TEXT.nodeRemoved(base)));
}
