/**
 * The SDK's public surface (documented in provider/sdk/README.md), re-exported by the package root:
 * the session, the typed API calls and their data types, the errors and the cipher. Engine
 * internals — retry policy, single-flight queue, rate budget, call history, envelope parsing, the
 * persisted-state store, error mapping — are not part of it; code and tests inside this package
 * import them from their own modules.
 */
export {
  ApiError,
  BlockedByTaskError,
  DynError,
  IllegalOperationError,
  InvalidDataError,
  JobTimeoutError,
  LoginFailedError,
  MalformedResponseError,
  NotFoundError,
  RateLimitedError,
  SessionBusyError,
  SessionExpiredError,
  SessionInvalidError,
  TargetExistsError,
  TransportError,
  isDynError,
  type DynCall,
  type DynErrorCode,
  type DynErrorInit,
} from "./errors";
export { AESCipher, CipherError, GENERATED_KEY_LENGTH } from "./cipher";
export { DynectSession, type SessionOptions } from "./session";
export { SessionEngine, type RetryEvent, type ThrottleEvent, type ApiCaller, type ApiResult, type CallOptions, type EpochEvent, type HttpMethod, type SessionEngineInit } from "./engine/session-engine";
export { DEFAULT_ENGINE_OPTIONS, type EngineOptions } from "./engine/options";
export type { HistoryEntry } from "./engine/history";
export { closeTransports } from "./engine/transport";
export type { DynMsg } from "./schemas/envelope";
export { SERIAL_STYLES, type CreateZoneInput, type PublishResult, type SerialStyle, type UpdateSoaInput, type ZoneChange, type ZoneInfo } from "./schemas/zone";
export type { DynRecord } from "./schemas/record";
export { RDATA_FIELDS, RECORD_TYPES, USER_RECORD_TYPES, isRecordType, validateRdata, type AnyRdata, type FieldSpec, type Rdata, type RecordType } from "./schemas/rdata";
export {
  createZone,
  deleteZone,
  discardZoneChanges,
  freezeZone,
  getSoa,
  getZone,
  getZoneChanges,
  listZones,
  publishZone,
  replaceZoneFile,
  thawZone,
  updateSoa,
  uploadZoneFile,
} from "./api/zones";
export { deleteNode, listNodes } from "./api/nodes";
export { createRecord, deleteRecord, deleteRecords, getAllRecords, getRecord, listRecords, replaceRecords, updateRecord, type RecordInput } from "./api/records";
export { getJob } from "./api/jobs";
export {
  DSF_AUTOMATIONS,
  DSF_MONITOR_PROTOCOLS,
  type DsfAutomation,
  type DsfCriteria,
  type DsfFailoverChain,
  type DsfMonitor,
  type DsfMonitorOptions,
  type DsfMonitorProtocol,
  type DsfNode,
  type DsfPendingChange,
  type DsfRecord,
  type DsfRecordSet,
  type DsfResponsePool,
  type DsfRuleset,
  type DsfService,
  type Notifier,
} from "./schemas/dsf";
export {
  DSF_RDATA_CLASSES,
  dsfWeightRange,
  isDsfRdataClass,
  type DsfCriteriaInput,
  type DsfFailoverChainInput,
  type DsfMonitorInput,
  type DsfPoolEntry,
  type DsfRdataClass,
  type DsfRecordInput,
  type DsfRecordSetInput,
  type DsfResponsePoolInput,
  type DsfRulesetInput,
  type DsfServiceInput,
  type NotifierInput,
} from "./schemas/dsf-input";
export { DSF_COUNTRIES, DSF_PROVINCES, DSF_REGIONS, countryCode, provinceCode, regionCode, regionName, type DsfRegionCode, type DsfRegionName } from "./schemas/dsf-geo";
export {
  addDsfNode,
  addDsfServiceNotifier,
  createDsfService,
  deleteDsfService,
  getDsfNodes,
  getDsfService,
  listDsfServices,
  publishDsfService,
  removeDsfNode,
  removeDsfOrphans,
  removeDsfServiceNotifier,
  reorderDsfRulesets,
  replaceDsfNodes,
  revertDsfService,
  updateDsfService,
  type DsfReadOptions,
  type DsfWriteOptions,
} from "./api/dsf";
export {
  createDsfFailoverChain,
  createDsfRecord,
  createDsfRecordSet,
  createDsfResponsePool,
  createDsfRuleset,
  deleteDsfFailoverChain,
  deleteDsfRecord,
  deleteDsfRecordSet,
  deleteDsfResponsePool,
  deleteDsfRuleset,
  getDsfFailoverChain,
  getDsfRecord,
  getDsfRecordSet,
  getDsfResponsePool,
  getDsfRuleset,
  listDsfFailoverChains,
  listDsfRecords,
  listDsfRecordSets,
  listDsfResponsePools,
  listDsfRulesets,
  updateDsfFailoverChain,
  updateDsfRecord,
  updateDsfRecordSet,
  updateDsfResponsePool,
  updateDsfRuleset,
} from "./api/dsf-objects";
export { createDsfMonitor, createNotifier, deleteDsfMonitor, deleteNotifier, getDsfMonitor, getNotifier, listDsfMonitors, listNotifiers, updateDsfMonitor, updateNotifier } from "./api/dsf-monitors";
