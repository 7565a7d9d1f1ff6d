/** The /REST/ route table: resource name → path parameters and handlers per method. */
import { DSF_ROUTES } from "../dsf/routes";
import { fail, type ApiError } from "../envelope";
import { TEXT } from "../messages";
import type { Method } from "../context";
import { RECORD_TYPES, recordResource } from "../rdata-table";
import { normalizeName } from "../validate";
import { allRecords, anyRecords, deleteNode, nodeList } from "./nodes";
import { getJob, getTask } from "./jobs";
import { recordHandlers } from "./records";
import { apex, zoneNotes } from "./reports";
import { keepAlive, login, logout, verify } from "./session";
import type { Handler } from "./types";
import { replaceZoneFile, uploadZoneFile } from "./zonefile";
import { createZone, deleteZone, discardChanges, getChanges, getZone, updateZone } from "./zones";

export interface RouteDef {
  /** canonical spelling, used in metrics labels */
  name: string;
  /** names of the path parameters; `zone`/`fqdn` are normalised (lower-case, no trailing dot) */
  params: string[];
  minParams: number;
  methods: Partial<Record<Method, Handler>>;
  /** methods that work without a token (only login) */
  noAuth?: Method[];
  /** job polls are allowed while the session's job runs and are not jobs themselves */
  jobPoll?: boolean;
}

const ROUTES: readonly RouteDef[] = [
  { name: "Session", params: [], minParams: 0, methods: { POST: login, GET: verify, PUT: keepAlive, DELETE: logout }, noAuth: ["POST"] },
  { name: "Zone", params: ["zone"], minParams: 0, methods: { GET: getZone, POST: createZone, PUT: updateZone, DELETE: deleteZone } },
  { name: "ZoneChanges", params: ["zone"], minParams: 1, methods: { GET: getChanges, DELETE: discardChanges } },
  { name: "ZoneFile", params: ["zone"], minParams: 1, methods: { POST: uploadZoneFile, PUT: replaceZoneFile } },
  { name: "NodeList", params: ["zone", "fqdn"], minParams: 1, methods: { GET: nodeList } },
  { name: "Node", params: ["zone", "fqdn"], minParams: 2, methods: { DELETE: deleteNode } },
  { name: "AllRecord", params: ["zone", "fqdn"], minParams: 1, methods: { GET: allRecords } },
  { name: "ANYRecord", params: ["zone", "fqdn"], minParams: 2, methods: { GET: anyRecords } },
  // any method polls: HTTP clients that follow a 307 themselves (Go net/http, fetch) replay the
  // original method against the Location; the spec says clients should GET (§4), the emulator is lenient
  { name: "Job", params: ["job_id"], minParams: 1, methods: { GET: getJob, POST: getJob, PUT: getJob, DELETE: getJob }, jobPoll: true },
  { name: "Task", params: ["task_id"], minParams: 0, methods: { GET: getTask } },
  { name: "ZoneNoteReport", params: [], minParams: 0, methods: { POST: zoneNotes } },
  { name: "Apex", params: ["fqdn"], minParams: 1, methods: { GET: apex } },
  ...RECORD_TYPES.map((t) => ({ name: recordResource(t), params: ["zone", "fqdn", "record_id"], minParams: 2, methods: recordHandlers(t) })),
  ...DSF_ROUTES,
];

const BY_NAME = new Map(ROUTES.map((r) => [r.name.toLowerCase(), r]));

export interface ResolvedRoute {
  def: RouteDef;
  handler: Handler;
  params: string[];
  /** "/REST/Zone/:zone" */
  label: string;
  needsAuth: boolean;
}

/**
 * Matches a path. Empty segments are ignored, so trailing (and doubled) slashes are tolerated;
 * resource names match case-insensitively; zone/fqdn segments lose their trailing dot (§1).
 */
export function resolveRoute(method: string, pathname: string): { route: ResolvedRoute } | { error: ApiError; label: string } {
  let segments: string[];
  try {
    segments = pathname.split("/").filter((s) => s !== "").map((s) => decodeURIComponent(s));
  } catch {
    return { error: fail(404, "NOT_FOUND", TEXT.unknownResource(pathname)), label: "(unknown)" };
  }
  if (segments.length < 2 || segments[0].toUpperCase() !== "REST") {
    return { error: fail(404, "NOT_FOUND", TEXT.unknownResource(segments.join("/"))), label: "(unknown)" };
  }
  const resource = segments[1];
  const def = BY_NAME.get(resource.toLowerCase());
  const rawParams = segments.slice(2);
  if (!def || rawParams.length < def.minParams || rawParams.length > def.params.length) {
    const known = def ? `/REST/${def.name}` : "(unknown)";
    return { error: fail(404, "NOT_FOUND", def ? TEXT.unknownResource(`${def.name} with ${rawParams.length} path arguments`) : TEXT.unknownResource(resource)), label: known };
  }
  const label = ["/REST", def.name, ...def.params.slice(0, rawParams.length).map((p) => `:${p}`)].join("/");
  const handler = def.methods[method as Method];
  if (!handler) return { error: fail(400, "INVALID_REQUEST", TEXT.badMethod(method, def.name)), label };
  const params = rawParams.map((p, i) => (def.params[i] === "zone" || def.params[i] === "fqdn" ? normalizeName(p) : p));
  return { route: { def, handler, params, label, needsAuth: !(def.noAuth ?? []).includes(method as Method) } };
}
