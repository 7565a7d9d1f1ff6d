/**
 * /REST/<T>Record/<zone>/<fqdn>/[<record_id>/] for every type of §6.3 (§6.1, §6.4).
 * All mutations are pending changes of the calling session until it publishes the zone.
 *
 * Emulator choices for behaviour the spec leaves unconfirmed (§12):
 * - CNAME exclusivity and the single-CNAME rule answer 400 INVALID_DATA naming `cname`.
 * - An fqdn outside the zone answers 400 INVALID_DATA `fqdn: <fqdn> is not in zone <zone>`.
 * - A 14th A record at a node answers 400 INVALID_DATA `address: Each node can only contain 13 A records`.
 * - The same type+fqdn+rdata twice (whatever the TTL) answers 400 TARGET_EXISTS (hashicorp/terraform#13058).
 * - SOA cannot be created or deleted, Primary NS records cannot be changed or deleted: 400 ILLEGAL_OPERATION.
 * - PUT …/<id>/ merges the given rdata fields into the record's and keeps its id.
 * - PUT on the node replaces the set: records whose rdata is unchanged keep their ids.
 * - CAA with an explicit API-Version below 3.7.6 answers 400 INVALID_VERSION (§1).
 */
import { ApiError, errorMsg, fail, info, ok, type Outcome } from "../envelope";
import { TEXT } from "../messages";
import { normalizeRdata, sameRdata } from "../rdata-normalize";
import { assertEditable, recordJson, stage, viewOf, wantsDetail, zoneFor, type Ctx, type Method } from "../context";
import { fieldsOf, recordResource, type RecordType } from "../rdata-table";
import { isSystemRecord, type StoredRecord, type ZoneState, type ZoneView } from "../state";
import { checkField, checkRdata, checkTxtLength, inZone, isHostname, isPresent, readRname, readSerialStyle, readTtl } from "../validate";
import type { Handler } from "./types";

export function recordUri(zone: string, r: StoredRecord): string {
  return `/REST/${recordResource(r.type)}/${zone}/${r.fqdn}/${r.id}`;
}

/** Records of a node in id order, optionally of one type. */
export function nodeRecords(view: ZoneView, fqdn: string, type?: RecordType): StoredRecord[] {
  return [...view.records.values()].filter((r) => r.fqdn === fqdn && (!type || r.type === type)).sort((a, b) => a.id - b.id);
}

function versionBelow(v: string, min: string): boolean {
  const a = v.split(".").map(Number);
  const b = min.split(".").map(Number);
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const d = (a[i] ?? 0) - (b[i] ?? 0);
    if (d !== 0) return d < 0;
  }
  return false;
}

function checkTypeAvailable(ctx: Ctx, type: RecordType): void {
  const v = ctx.apiVersion;
  if (type === "CAA" && v !== undefined && v.toLowerCase() !== "current" && versionBelow(v, "3.7.6")) {
    throw new ApiError(400, [errorMsg("INVALID_VERSION", TEXT.caaVersion, "API-B")]);
  }
}

/** The fqdn of a mutation: a host name inside the zone. */
function targetFqdn(zone: ZoneState, fqdn: string | undefined, context: string): string {
  const f = fqdn ?? "";
  if (!isHostname(f)) throw fail(400, "INVALID_DATA", TEXT.fqdnInvalid(f), context);
  if (!inZone(f, zone.name)) throw fail(400, "INVALID_DATA", TEXT.fqdnNotInZone(f, zone.name), context);
  return f;
}

interface RecordInput {
  rdata: Record<string, unknown>;
  ttl: number;
}

/** `{rdata, ttl}` of a POST or of one item of a node PUT, validated and normalised. */
function readInput(type: RecordType, body: unknown, view: ZoneView, context: string): RecordInput {
  const b = (typeof body === "object" && body !== null ? body : {}) as Record<string, unknown>;
  if (!isPresent(b.rdata)) throw fail(400, "MISSING_DATA", TEXT.missingArg("rdata"), context);
  checkRdata(type, b.rdata, context);
  checkTxtLength(type, b.rdata as Record<string, unknown>, context);
  return { rdata: normalizeRdata(type, b.rdata as Record<string, unknown>), ttl: recordTtl(b.ttl, view, context) ?? view.defaultTtl };
}

/** undefined when absent; 0 means the zone default TTL (§6.1). */
function recordTtl(v: unknown, view: ZoneView, context: string): number | undefined {
  const ttl = readTtl(v, context);
  return ttl === 0 ? view.defaultTtl : ttl;
}

/** DNS rules for the records a node would hold after a change. */
export function checkNode(fqdn: string, after: Pick<StoredRecord, "type">[], context: string): void {
  const cnames = after.filter((r) => r.type === "CNAME").length;
  if (cnames > 1) throw fail(400, "INVALID_DATA", TEXT.cnameSingle(fqdn), context);
  if (cnames === 1 && after.length > 1) throw fail(400, "INVALID_DATA", TEXT.cnameConflict(fqdn), context);
  if (after.filter((r) => r.type === "A").length > 13) throw fail(400, "INVALID_DATA", TEXT.aLimit, context);
}

function findRecord(view: ZoneView, type: RecordType, fqdn: string, id: string | undefined): StoredRecord {
  const rec = /^\d+$/.test(id ?? "") ? view.records.get(Number(id)) : undefined;
  if (!rec || rec.type !== type || rec.fqdn !== fqdn) throw fail(404, "NOT_FOUND", TEXT.recordNotFound);
  return rec;
}

function pendingUpsert(ctx: Ctx, zone: ZoneState, record: StoredRecord, action: "add" | "update"): void {
  stage(ctx, zone, { kind: "upsert", action, record });
}

function pendingDelete(ctx: Ctx, zone: ZoneState, record: StoredRecord): void {
  stage(ctx, zone, { kind: "delete", record });
}

// ---- handlers -------------------------------------------------------------------------------

function list(type: RecordType, ctx: Ctx): Outcome {
  const zone = zoneFor(ctx, ctx.params[0]);
  const view = viewOf(ctx, zone);
  const recs = nodeRecords(view, ctx.params[1] ?? "", type);
  if (recs.length === 0) throw fail(404, "NOT_FOUND", TEXT.notInZone, TEXT.detailHostNotInZone);
  if (wantsDetail(ctx)) return ok(recs.map((r) => recordJson(view, r)), info(TEXT.foundRecords(recs.length)));
  return ok(
    recs.map((r) => recordUri(zone.name, r)),
    info(TEXT.getTree),
  );
}

function getOne(type: RecordType, ctx: Ctx): Outcome {
  const zone = zoneFor(ctx, ctx.params[0]);
  const view = viewOf(ctx, zone);
  const rec = findRecord(view, type, ctx.params[1] ?? "", ctx.params[2]);
  return ok(recordJson(view, rec), info(TEXT.foundRecord, "API-B"));
}

function create(type: RecordType, ctx: Ctx): Outcome {
  const zone = zoneFor(ctx, ctx.params[0]);
  const fqdn = targetFqdn(zone, ctx.params[1], TEXT.addContext);
  if (type === "SOA") throw fail(400, "ILLEGAL_OPERATION", TEXT.systemRecord("SOA"), TEXT.addContext);
  assertEditable(ctx, zone, TEXT.addContext);
  const view = viewOf(ctx, zone);
  const input = readInput(type, ctx.args, view, TEXT.addContext);
  const existing = nodeRecords(view, fqdn);
  if (existing.some((r) => r.type === type && sameRdata(r.rdata, input.rdata))) {
    throw fail(400, "TARGET_EXISTS", TEXT.recordExists, TEXT.addContext);
  }
  const record: StoredRecord = { id: ctx.emu.store.allocateRecordId(), type, fqdn, ...input };
  if (type === "NS") record.serviceClass = typeof ctx.args.service_class === "string" && ctx.args.service_class !== "Primary" ? ctx.args.service_class : "";
  checkNode(fqdn, [...existing, record], TEXT.addContext);
  pendingUpsert(ctx, zone, record, "add");
  return ok(recordJson(view, record, 0), info(TEXT.recordAdded));
}

/** PUT on the node: replace every record of the type there with `<T>Records` (§6.1). */
function replaceSet(type: RecordType, ctx: Ctx): Outcome {
  const zone = zoneFor(ctx, ctx.params[0]);
  const ctxText = TEXT.updateContext;
  const fqdn = targetFqdn(zone, ctx.params[1], ctxText);
  if (type === "SOA") throw fail(400, "ILLEGAL_OPERATION", TEXT.systemRecord("SOA"), ctxText);
  const key = `${type}Records`;
  const items = ctx.args[key];
  if (!Array.isArray(items)) throw fail(400, "MISSING_DATA", TEXT.missingArg(key), ctxText);
  assertEditable(ctx, zone, ctxText);
  const view = viewOf(ctx, zone);
  const inputs = items.map((item) => readInput(type, item, view, ctxText));
  inputs.forEach((a, i) => {
    if (inputs.some((b, j) => j < i && sameRdata(a.rdata, b.rdata))) throw fail(400, "TARGET_EXISTS", TEXT.recordExists, ctxText);
  });
  const node = nodeRecords(view, fqdn);
  const current = node.filter((r) => r.type === type && !isSystemRecord(r));
  const kept = node.filter((r) => r.type !== type || isSystemRecord(r));
  const result: StoredRecord[] = inputs.map((inp) => {
    const same = current.find((r) => sameRdata(r.rdata, inp.rdata));
    const record: StoredRecord = { id: same ? same.id : ctx.emu.store.allocateRecordId(), type, fqdn, ...inp };
    if (type === "NS") record.serviceClass = same?.serviceClass ?? "";
    return record;
  });
  checkNode(fqdn, [...kept, ...result], ctxText);
  for (const r of current) if (!result.some((n) => n.id === r.id)) pendingDelete(ctx, zone, r);
  for (const r of result) {
    const before = current.find((c) => c.id === r.id);
    if (!before) pendingUpsert(ctx, zone, r, "add");
    else if (before.ttl !== r.ttl) pendingUpsert(ctx, zone, r, "update");
  }
  return ok(
    result.map((r) => recordJson(view, r, 0)),
    info(TEXT.recordUpdated),
  );
}

function updateOne(type: RecordType, ctx: Ctx): Outcome {
  const zone = zoneFor(ctx, ctx.params[0]);
  const ctxText = TEXT.updateContext;
  const view = viewOf(ctx, zone);
  const rec = findRecord(view, type, ctx.params[1] ?? "", ctx.params[2]);
  if (type === "SOA") return updateSoa(ctx, zone, view, rec);
  if (isSystemRecord(rec)) throw fail(400, "ILLEGAL_OPERATION", TEXT.systemRecord("NS"), ctxText);
  assertEditable(ctx, zone, ctxText);
  const given = ctx.args.rdata;
  if (isPresent(given) && (typeof given !== "object" || Array.isArray(given))) throw fail(400, "INVALID_DATA", TEXT.badArg("rdata", "must be an object"), ctxText);
  const merged = { ...rec.rdata, ...((given as Record<string, unknown> | undefined) ?? {}) };
  const input = readInput(type, { rdata: merged, ttl: ctx.args.ttl }, view, ctxText);
  const ttl = isPresent(ctx.args.ttl) ? input.ttl : rec.ttl;
  const updated: StoredRecord = { ...rec, rdata: input.rdata, ttl };
  const others = nodeRecords(view, rec.fqdn).filter((r) => r.id !== rec.id);
  if (others.some((r) => r.type === type && sameRdata(r.rdata, updated.rdata))) throw fail(400, "TARGET_EXISTS", TEXT.recordExists, ctxText);
  checkNode(rec.fqdn, [...others, updated], ctxText);
  pendingUpsert(ctx, zone, updated, "update");
  return ok(recordJson(view, updated), info(TEXT.recordUpdated));
}

const SOA_EDITABLE = ["rname", "refresh", "retry", "expire", "minimum"] as const;

/** PUT /SOARecord/<zone>/<zone>/<id>/: rname required; ttl = zone default TTL; serial_style (§6.4). */
function updateSoa(ctx: Ctx, zone: ZoneState, view: ZoneView, rec: StoredRecord): Outcome {
  const ctxText = TEXT.updateContext;
  assertEditable(ctx, zone, ctxText);
  const given = (typeof ctx.args.rdata === "object" && ctx.args.rdata !== null ? ctx.args.rdata : {}) as Record<string, unknown>;
  readRname(given.rname, ctxText);
  const spec = fieldsOf("SOA");
  const patch: Record<string, unknown> = {};
  for (const f of SOA_EDITABLE) {
    if (!isPresent(given[f])) continue;
    const reason = f === "rname" ? undefined : checkField(spec[f], given[f]);
    if (reason) throw fail(400, "INVALID_DATA", TEXT.badArg(f, reason), ctxText);
    patch[f] = given[f];
  }
  const ttl = recordTtl(ctx.args.ttl, view, ctxText);
  const style = readSerialStyle(ctx.args.serial_style, ctxText);
  const rdata = normalizeRdata("SOA", { ...rec.rdata, ...patch });
  const updated: StoredRecord = { ...rec, rdata, ttl: ttl ?? rec.ttl };
  pendingUpsert(ctx, zone, updated, "update");
  stage(ctx, zone, { kind: "settings", serialStyle: style, defaultTtl: ttl });
  return ok(recordJson(viewOf(ctx, zone), updated), info(TEXT.recordUpdated));
}

function deleteOne(type: RecordType, ctx: Ctx): Outcome {
  const zone = zoneFor(ctx, ctx.params[0]);
  const view = viewOf(ctx, zone);
  const rec = findRecord(view, type, ctx.params[1] ?? "", ctx.params[2]);
  if (isSystemRecord(rec)) throw fail(400, "ILLEGAL_OPERATION", TEXT.systemRecord(type), TEXT.deleteContext);
  assertEditable(ctx, zone, TEXT.deleteContext);
  pendingDelete(ctx, zone, rec);
  const msgs = [info(TEXT.recordDeletedOnPublish)];
  if (nodeRecords(view, rec.fqdn).length === 1) msgs.push(info(TEXT.nodeRemovedShort(rec.fqdn)));
  return ok({}, ...msgs);
}

function deleteAll(type: RecordType, ctx: Ctx): Outcome {
  const zone = zoneFor(ctx, ctx.params[0]);
  const view = viewOf(ctx, zone);
  const fqdn = ctx.params[1] ?? "";
  const node = nodeRecords(view, fqdn);
  const recs = node.filter((r) => r.type === type);
  if (recs.length === 0) throw fail(404, "NOT_FOUND", TEXT.notInZone, TEXT.getHostNotFound);
  const deletable = recs.filter((r) => !isSystemRecord(r));
  if (deletable.length === 0) throw fail(400, "ILLEGAL_OPERATION", TEXT.systemRecord(type), TEXT.deleteContext);
  assertEditable(ctx, zone, TEXT.deleteContext);
  for (const r of deletable) pendingDelete(ctx, zone, r);
  const msgs = [info(TEXT.recordsDeleted(deletable.length), "API-B")];
  if (node.length === deletable.length) msgs.push(info(TEXT.nodeRemovedShort(fqdn)));
  return ok({}, ...msgs);
}

/** Handlers of one record type's resource; the record id selects item vs node operations. */
export function recordHandlers(type: RecordType): Partial<Record<Method, Handler>> {
  const guarded =
    (node: (t: RecordType, c: Ctx) => Outcome, item: (t: RecordType, c: Ctx) => Outcome): Handler =>
    (ctx) => {
      checkTypeAvailable(ctx, type);
      return ctx.params.length >= 3 ? item(type, ctx) : node(type, ctx);
    };
  return {
    GET: guarded(list, getOne),
    POST: guarded(create, () => {
      throw fail(400, "INVALID_REQUEST", TEXT.badMethod("POST", `${recordResource(type)}/<zone>/<fqdn>/<record_id>`));
    }),
    PUT: guarded(replaceSet, updateOne),
    DELETE: guarded(deleteAll, deleteOne),
  };
}
