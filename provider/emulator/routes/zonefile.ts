/**
 * /REST/ZoneFile/<zone>/ (§5.5): POST creates a zone from an RFC 1035 master file, PUT replaces
 * an existing zone's records with the file's. Emulator choices (unconfirmed in the spec):
 * - the records become pending changes of the uploading session; publish the zone to serve them;
 * - the file's SOA supplies rname/refresh/retry/expire/minimum and, by its TTL, the zone default
 *   TTL; mname and serial stay Dyn's; apex NS records of the file are ignored (Dyn's four
 *   Primary NS records are kept);
 * - POST without an SOA in the file needs `rname` and `ttl` arguments like POST /Zone/; an
 *   argument that is used is checked like POST /Zone/'s (400 INVALID_DATA naming it).
 */
import { fail, info, ok, type Outcome } from "../envelope";
import { TEXT } from "../messages";
import { normalizeRdata, sameRdata } from "../rdata-normalize";
import { assertEditable, sessionOf, stage, viewOf, zoneFor, zoneJson, type Ctx } from "../context";
import { isSystemRecord, type StoredRecord, type ZoneState } from "../state";
import { checkRdata, inZone, readRname, readSerialStyle, readTtl } from "../validate";
import { parseZoneFile, ZoneFileError, type ParsedRecord } from "../zonefile-parser";
import { checkNode } from "./records";
import { checkNewZone } from "./zones";

const CONTEXT = "upload: Zone file not accepted";

function parse(ctx: Ctx, zone: string): ParsedRecord[] {
  const file = ctx.args.file;
  if (typeof file !== "string" || file.trim() === "") throw fail(400, "MISSING_DATA", TEXT.zoneFileMissing, CONTEXT);
  try {
    return parseZoneFile(file, zone);
  } catch (e) {
    if (e instanceof ZoneFileError) throw fail(400, "INVALID_DATA", TEXT.zoneFileBad(e.line, e.reason), CONTEXT);
    throw e;
  }
}

/** Validated, normalised user records of the file (no SOA, no apex NS). */
function userRecords(parsed: ParsedRecord[], zone: string, defaultTtl: number): Omit<StoredRecord, "id">[] {
  const out: Omit<StoredRecord, "id">[] = [];
  for (const p of parsed) {
    if (p.type === "SOA" || (p.type === "NS" && p.fqdn === zone)) continue;
    if (!inZone(p.fqdn, zone)) throw fail(400, "INVALID_DATA", TEXT.zoneFileBad(p.line, TEXT.fqdnNotInZone(p.fqdn, zone)), CONTEXT);
    checkRdata(p.type, p.rdata, CONTEXT, (text) => TEXT.zoneFileBad(p.line, text));
    const rdata = normalizeRdata(p.type, p.rdata);
    if (out.some((r) => r.fqdn === p.fqdn && r.type === p.type && sameRdata(r.rdata, rdata))) continue;
    const rec: Omit<StoredRecord, "id"> = { type: p.type, fqdn: p.fqdn, ttl: p.ttl ?? defaultTtl, rdata };
    if (p.type === "NS") rec.serviceClass = "";
    out.push(rec);
  }
  for (const fqdn of new Set(out.map((r) => r.fqdn))) {
    const node = out.filter((r) => r.fqdn === fqdn);
    checkNode(fqdn, node, CONTEXT);
    // the file's apex records are checked without the SOA/NS they will sit next to
    if (fqdn === zone && node.some((r) => r.type === "CNAME")) throw fail(400, "INVALID_DATA", TEXT.cnameConflict(fqdn), CONTEXT);
  }
  return out;
}

function soaPatch(parsed: ParsedRecord[]): { patch: Record<string, unknown>; ttl?: number } | undefined {
  const soa = parsed.find((p) => p.type === "SOA");
  if (!soa) return undefined;
  checkRdata("SOA", soa.rdata, CONTEXT, (text) => TEXT.zoneFileBad(soa.line, text));
  const r = normalizeRdata("SOA", soa.rdata);
  return { patch: { rname: r.rname, refresh: r.refresh, retry: r.retry, expire: r.expire, minimum: r.minimum }, ttl: soa.ttl };
}

/** Pending changes turning the session's view of `zone` into exactly the file's records. */
function stageFile(ctx: Ctx, zone: ZoneState, records: Omit<StoredRecord, "id">[], soa: ReturnType<typeof soaPatch>): number {
  const view = viewOf(ctx, zone);
  const existing = [...view.records.values()].filter((r) => !isSystemRecord(r));
  const keptIds = new Set<number>();
  for (const rec of records) {
    const same = existing.find((e) => !keptIds.has(e.id) && e.fqdn === rec.fqdn && e.type === rec.type && sameRdata(e.rdata, rec.rdata));
    if (same) {
      keptIds.add(same.id);
      if (same.ttl !== rec.ttl) stage(ctx, zone, { kind: "upsert", action: "update", record: { ...same, ttl: rec.ttl } });
    } else stage(ctx, zone, { kind: "upsert", action: "add", record: { id: ctx.emu.store.allocateRecordId(), ...rec } });
  }
  for (const e of existing) if (!keptIds.has(e.id)) stage(ctx, zone, { kind: "delete", record: e });
  if (soa) {
    const current = [...view.records.values()].find((r) => r.type === "SOA");
    if (current) {
      const ttl = soa.ttl ?? current.ttl;
      stage(ctx, zone, { kind: "upsert", action: "update", record: { ...current, ttl, rdata: { ...current.rdata, ...soa.patch } } });
      stage(ctx, zone, { kind: "settings", defaultTtl: ttl });
    }
  }
  return records.length;
}

/** POST: a new zone from the file. */
export function uploadZoneFile(ctx: Ctx): Outcome {
  const name = checkNewZone(ctx, ctx.params[0]);
  const parsed = parse(ctx, name);
  const soa = soaPatch(parsed);
  // the arguments are fallbacks for what the file's SOA lacks, checked like POST /Zone/'s when used
  const rname = (soa?.patch.rname as string | undefined) ?? readRname(ctx.args.rname, CONTEXT);
  // default TTL: the SOA's TTL, else the `ttl` argument, else the file's first TTL, else SOA minimum (RFC 1035)
  const ttl = soa?.ttl ?? readTtl(ctx.args.ttl, CONTEXT) ?? parseZoneFileDefaultTtl(parsed) ?? (soa?.patch.minimum as number | undefined);
  if (ttl === undefined) throw fail(400, "MISSING_DATA", TEXT.missingArg("ttl"), CONTEXT);
  const style = readSerialStyle(ctx.args.serial_style, CONTEXT) ?? "increment";
  const records = userRecords(parsed, name, ttl);
  const zone = ctx.emu.store.createZone(sessionOf(ctx).customer, name, rname, ttl, style);
  if (soa) {
    // the zone is brand new: its SOA takes the file's values directly
    const soaRec = [...zone.records.values()].find((r) => r.type === "SOA");
    if (soaRec) soaRec.rdata = { ...soaRec.rdata, ...soa.patch };
  }
  const n = stageFile(ctx, zone, records, undefined);
  return ok(zoneJson(viewOf(ctx, zone)), info(TEXT.zoneSetup), info(TEXT.zoneCreated(zone.name)), info(TEXT.zoneFileAccepted(zone.name, n)));
}

function parseZoneFileDefaultTtl(parsed: ParsedRecord[]): number | undefined {
  return parsed.find((p) => p.ttl !== undefined)?.ttl;
}

/** PUT: the existing zone's records replaced by the file's. */
export function replaceZoneFile(ctx: Ctx): Outcome {
  const zone = zoneFor(ctx, ctx.params[0]);
  assertEditable(ctx, zone, CONTEXT);
  const parsed = parse(ctx, zone.name);
  const soa = soaPatch(parsed);
  const records = userRecords(parsed, zone.name, soa?.ttl ?? viewOf(ctx, zone).defaultTtl);
  const n = stageFile(ctx, zone, records, soa);
  return ok(zoneJson(viewOf(ctx, zone)), info(TEXT.zoneFileAccepted(zone.name, n)));
}
