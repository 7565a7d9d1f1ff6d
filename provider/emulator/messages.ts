/**
 * Every message text the emulator sends, in one table. Texts marked [spec] are exact copies of
 * dynect-api.md / dynect-fixtures.json; the others are the emulator's choice for situations the
 * spec leaves unconfirmed (§12), written in DynECT's "<subsystem>: <text>" format.
 */
import { ApiError, errorMsg, info, type Msg } from "./envelope";

export const TEXT = {
  // sessions (§3, §2.3)
  loginOk: "login: Login successful", // [spec]
  loginBadCredentials: "login: Credentials you entered did not match those in our database. Please try again", // [spec]
  loginFailed: "login: Login failed", // [spec]
  loginMissing: (field: string) => `login: ${field} is required`,
  badToken: "login: Bad or expired credentials", // [spec]
  inactivity: "login: inactivity logout", // [spec]
  credentialsProblem: "login: There was a problem with your credentials", // [spec]
  missingToken: "login: The Auth-Token HTTP header must be set to make this call", // [spec text, prefix chosen]
  logoutOk: "logout: Logout successful", // [spec]
  sessionActive: "session: Session is active", // chosen; must not contain "login:" (dyn-python re-logs in on that)
  keepAlive: "session: Session kept alive",
  jobRunning: "token: This session already has a job running", // [spec]
  // zones (§5.1)
  zoneList: (n: number) => `get: Your ${n} ${n === 1 ? "zone" : "zones"}`, // [spec]
  zoneGet: (z: string) => `get: Your zone, ${z}`, // [spec]
  zoneSetup:
    "setup: If you plan to provide your own secondary DNS for the zone, allow notify requests from these IP addresses on your nameserver: 208.78.68.66, 2600:2003:0:1::66", // [spec]
  zoneCreated: (z: string) => `create: New zone ${z} created.  Publish it to put it on our server.`, // [spec]
  zoneExists: "name: Name already exists", // [spec]
  zoneExistsContext: "create: You already have this zone.", // [spec]
  zoneNotFound: "zone: No such zone", // [spec]
  zoneNotFoundRemove: "remove: No such zone in your account", // [spec]
  zoneRemoved: "remove: Zone removed", // [spec]
  zonePublished: (z: string) => `publish: ${z} published`, // [spec]
  zoneFrozenOk: "freeze: Your zone is now frozen", // [spec, fog mock]
  zoneThawedOk: "thaw: Your zone is now thawed, you may edit normally", // [spec, fog mock]
  zoneFrozen: "zone: This zone is frozen and cannot be changed until it is thawed",
  zoneBadName: (z: string) => `zone: ${z} is not a valid zone name`,
  zoneUpdateNeedsAction: "update: Specify one of publish, freeze or thaw",
  createContext: "create: Zone not created",
  blocked: "zone: Operation blocked by current task", // [spec]
  taskName: (n: string) => `task_name: ${n}`, // [spec]
  taskId: (id: string) => `task_id: ${id}`, // [spec]
  changesList: (n: number) => `get: Your zone has ${n} pending ${n === 1 ? "change" : "changes"}`,
  changesDiscarded: "remove: Pending changes discarded",
  // nodes and records (§5.3, §5.4, §6)
  nodeNotInZone: "node: Node is not in the zone", // [spec]
  getTreeNotFound: "get_tree: Node name not found within the zone", // [spec]
  getTree: "get_tree: Here is your zone tree", // [spec]
  nodeList: "get_node_list: Here is your node list", // [spec]
  nodeRemoved: (f: string) => `remove_node: ${f} removed from tree. All records also removed.`, // [spec]
  nodeRemovedShort: (f: string) => `remove_node: ${f} removed from tree.`, // [spec]
  notInZone: "node: Not in zone", // [spec]
  detailHostNotInZone: "detail: Host is not in this zone", // [spec]
  getHostNotFound: "get: Host not found in this zone", // [spec]
  foundRecords: (n: number) => `detail: Found ${n} ${n === 1 ? "record" : "records"}`, // [spec]
  foundRecord: "get: Found the record", // [spec]
  recordAdded: "add: Record added", // [spec]
  recordUpdated: "update: Record updated", // [fixture, unconfirmed]
  recordDeletedOnPublish: "delete: Record will be deleted on zone publish", // [spec]
  recordsDeleted: (n: number) => `delete: ${n} records deleted`, // [spec]
  recordNotFound: "record: No such record in this zone",
  recordExists: "rdata: This record already exists at this node",
  fqdnNotInZone: (f: string, z: string) => `fqdn: ${f} is not in zone ${z}`,
  fqdnInvalid: (f: string) => `fqdn: ${f} is not a valid host name`,
  cnameConflict: (f: string) => `cname: A CNAME record cannot coexist with other data at ${f}`,
  cnameSingle: (f: string) => `cname: Only one CNAME record is allowed at ${f}`,
  aLimit: "address: Each node can only contain 13 A records", // [spec text, prefix chosen]
  txtTooLong: "txtdata: Too long", // [spec: octodns/octodns#127]
  systemRecord: (t: string) =>
    t === "SOA"
      ? "record_type: SOA records are managed by the system; they can only be updated"
      : "service_class: Primary NS records (the core *.dynect.net name servers) cannot be modified or removed",
  ttlInvalid: "ttl: must be an integer from 0 to 2147483647",
  missingArg: (a: string) => `${a}: Missing required argument`,
  badArg: (a: string, reason: string) => `${a}: ${reason}`,
  caaVersion: "API-Version: CAA records require API version 3.7.6 or later",
  addContext: "add: Record not added",
  updateContext: "update: Record not updated",
  deleteContext: "delete: Record not deleted",
  apexNode: "node: The zone apex cannot be removed; delete its records instead",
  // jobs and tasks (§4, §5.8)
  jobNotFound: "job: No such job in this session",
  taskGet: "get: Here is your task",
  taskList: (n: number) => `get: Your ${n} ${n === 1 ? "task" : "tasks"}`,
  taskNotFound: "task: No such task",
  notesList: (n: number) => `get: Your zone has ${n} ${n === 1 ? "note" : "notes"}`,
  apexFound: (z: string) => `get: ${z} is the apex zone`,
  apexNotFound: (n: string) => `node: ${n} is not in any of your zones`,
  // zone files (§5.5)
  zoneFileBad: (line: number, reason: string) => `file: line ${line}: ${reason}`,
  zoneFileMissing: "file: Missing required argument",
  zoneFileAccepted: (z: string, n: number) => `upload: ${n} records of ${z} are pending.  Publish the zone to put them on our server.`,
  // Traffic Director (§7); the [spec] texts are from the dsf_* fixtures
  dsfGot: (what: string) => `detail: Here is your ${what}`, // [spec for "service"]
  dsfList: (what: string) => `detail: Here are your ${what}`,
  dsfAdded: (what: string) => `add: Here is the new ${what}`, // [spec for "monitor"]
  dsfUpdated: (what: string) => `update: Here is the updated ${what}`,
  dsfDeleted: (what: string) => `delete: The ${what} was deleted`,
  dsfMonitorList: "DSFMonitor_get: Here are your monitors", // [spec]
  dsfMonitorGot: "DSFMonitor_get: Here is your monitor",
  dsfStaged: "publish: Changes are pending until the service is published",
  dsfPublished: "publish: Service published",
  dsfPublishFailed: "publish: The service could not be published; nothing of this request was applied",
  dsfReverted: "revert: Pending changes discarded",
  dsfNodes: "node: Here are the service's nodes",
  // [spec: dyn-python docs show "detail: No service found" (GET) and "record_update: No service found" (record PUT)]
  dsfNoService: (method: string, kind: string) => (method === "GET" ? "detail: No service found" : `${kind}_${{ POST: "add", PUT: "update", DELETE: "delete" }[method] ?? "get"}: No service found`),
  dsfNoObject: (field: string, what: string, id: string) => `${field}: No such ${what} ${id} in this service`,
  dsfNoMonitor: (id: string) => `dsf_monitor_id: No such monitor ${id}`,
  dsfNoPool: (id: string) => `dsf_response_pool_id: No such response pool ${id} in this service`,
  dsfNoNotifier: (id: string) => `notifier_id: No such notifier ${id}`,
  dsfNoLink: (id: string) => `link_id: No such notifier link ${id} on this service`,
  dsfBadCode: (kind: string, value: string, expected: string) => `${kind}: ${value} is not ${expected}`,
  dsfNodeZone: (zone: string) => `zone: ${zone} is not one of your zones`,
  dsfNodeMissing: (fqdn: string) => `node: ${fqdn} is not attached to this service`,
  dsfReorder: "rulesets: must list every ruleset of the service exactly once, each as {dsf_ruleset_id}",
  dsfMonitorInUse: (ids: string) => `dsf_monitor_id: The monitor is used by service ${ids}; detach it from the record sets first`,
  dsfContext: (verb: "add" | "update" | "delete", what: string) => `${verb}: The ${what} was not ${{ add: "created", update: "updated", delete: "deleted" }[verb]}`,
  // transport-level
  rateLimited: "rate_limit: Too many requests for this account; try again later",
  badBody: "request: The request body must be a JSON object",
  badVersion: (v: string) => `version: API-Version ${v} is not a valid version`,
  unknownResource: (r: string) => `request: Unknown resource ${r}`,
  badMethod: (m: string, r: string) => `request: ${m} is not supported on ${r}`,
  internal: "server: Internal error, please retry",
  unavailable: "server: Service temporarily unavailable, please retry",
} as const;

/** Why an rdata field was refused: the `<reason>` of an INVALID_DATA `<field>: <reason>` message. */
export const REASON = {
  required: "is required",
  object: "must be an object",
  integer: (min: number, max: number) => (min === max ? `must be ${min}` : `must be an integer from ${min} to ${max}`),
  text: "must be a non-empty string",
  hostname: "must be a valid host name",
  notAddress: "must be a host name, not an IP address",
  notRoot: 'cannot be the root "."',
  coordinateRange: (maxDegrees: number) => `must be at most ${maxDegrees} degrees, with minutes and seconds below 60`,
  ipv4: "must be an IPv4 address",
  ipv6: "must be an IPv6 address",
  oneOf: (values: readonly string[]) => `must be one of ${values.join(", ")}`,
  coordinate: (hemisphere: string) => `must look like "42 21 54.000 ${hemisphere}"`,
  unknownField: (type: string, expected: readonly string[]) => `is not an rdata field of ${type} (expected ${expected.join(", ")})`,
} as const;

/** The reply to any call made with a dead token (§2.3). */
export function credentialsError(reason: "bad" | "inactivity" | "missing"): ApiError {
  const first = reason === "inactivity" ? TEXT.inactivity : reason === "missing" ? TEXT.missingToken : TEXT.badToken;
  return new ApiError(400, [errorMsg("INVALID_DATA", first), info(TEXT.credentialsProblem)]);
}

export function jobRunningMsgs(): Msg[] {
  return [errorMsg("OPERATION_FAILED", TEXT.jobRunning, "API-B")];
}

export function zoneNotFound(method: string): ApiError {
  // GET: recorded with SOURCE API-B and a single message; DELETE: denominator mock with BLL + remove: (§2.3)
  if (method === "DELETE") return new ApiError(404, [errorMsg("NOT_FOUND", TEXT.zoneNotFound), info(TEXT.zoneNotFoundRemove)]);
  return new ApiError(404, [errorMsg("NOT_FOUND", TEXT.zoneNotFound, "API-B")]);
}
