/**
 * pulumi-dyn: manage Dyn (DynECT) Managed DNS with Pulumi.
 *
 * Resources: {@link Zone}, {@link Record}, {@link RecordSet}, {@link ZoneRecords}, {@link TrafficDirector},
 * {@link TrafficDirectorMonitor} (type tokens
 * `pulumi-nodejs:dynamic/dyn:Zone|Record|RecordSet|ZoneRecords|TrafficDirector|TrafficDirectorMonitor`). Credentials come from stack config
 * (`dyn:customerName`, `dyn:username`, `dyn:password` as a secret) or DYN_* environment variables.
 * `pulumi import` cannot work for dynamic resources: use the `adopt: true` input, or `X.get()` for
 * read-only references.
 */
export { Zone, type ZoneArgs, type ZoneState } from "./resources/zone";
export { Record, type RecordArgs, type RecordState, type NodeArgs, type RdataArgs, type UserRecordType } from "./resources/record";
export { RecordSet, type RecordSetArgs, type RecordSetState } from "./resources/record-set";
export { ZoneRecords, type ZoneRecordArgs, type ZoneRecordsArgs, type ZoneRecordsState, type ZoneRecordSetState } from "./resources/zone-records";
export {
  TrafficDirector,
  type TrafficDirectorArgs,
  type TrafficDirectorChainArgs,
  type TrafficDirectorGeoArgs,
  type TrafficDirectorNodeArgs,
  type TrafficDirectorPoolArgs,
  type TrafficDirectorRecordArgs,
  type TrafficDirectorRecordSetArgs,
  type TrafficDirectorRegion,
  type TrafficDirectorRuleArgs,
  type TrafficDirectorState,
} from "./resources/traffic-director";
export {
  TrafficDirectorMonitor,
  type TrafficDirectorMonitorArgs,
  type TrafficDirectorMonitorEndpoint,
  type TrafficDirectorMonitorOptions,
  type TrafficDirectorMonitorState,
} from "./resources/traffic-director-monitor";
export type { TdChain, TdGeo, TdNode, TdObjects, TdPool, TdRecord, TdRecordSet, TdRule } from "./resources/traffic-director-model";
export { getZoneSerial, type ZoneSerialOptions } from "./resources/zone-serial";
export type { SerialStyle } from "./resources/types";
export { DEFAULT_API_URL, DEFAULT_MAX_SESSIONS, type ProviderConfig } from "./config";
export * from "./sdk";
