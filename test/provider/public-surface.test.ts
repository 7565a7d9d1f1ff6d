/**
 * The package root (`require("pulumi-dyn")`) exports what a user calls — the resources, the
 * session, the typed API, the errors and the cipher — and none of the engine's internals, which
 * may change in any release (issue 11).
 */
import { describe, it } from "node:test";
import * as assert from "node:assert/strict";
import * as root from "../../provider";

describe("the package root's public surface", () => {
  it("exports the resources, the session, the typed API, the errors and the cipher", () => {
    const expected = [
      "Zone",
      "getZoneSerial",
      "Record",
      "RecordSet",
      "DynectSession",
      "SessionEngine",
      "AESCipher",
      "CipherError",
      "DynError",
      "NotFoundError",
      "isDynError",
      "createZone",
      "publishZone",
      "createRecord",
      "listRecords",
      "getAllRecords",
      "getJob",
      "RDATA_FIELDS",
      "RECORD_TYPES",
      "USER_RECORD_TYPES",
      "SERIAL_STYLES",
      "DEFAULT_ENGINE_OPTIONS",
      "DEFAULT_API_URL",
      "TrafficDirector",
      "TrafficDirectorMonitor",
      "createDsfService",
      "getDsfService",
      "listDsfServices",
      "publishDsfService",
      "revertDsfService",
      "updateDsfRecord",
      "createDsfMonitor",
      "createNotifier",
      "DSF_REGIONS",
      "DSF_RDATA_CLASSES",
    ];
    for (const name of expected) assert.ok(name in root, `${name} is exported`);
  });

  it("does not export engine internals", () => {
    const internals = [
      "RetryPolicy",
      "RetryState",
      "SingleFlightQueue",
      "RateBudget",
      "CallHistory",
      "redact",
      "parseEnvelope",
      "envelopeSchema",
      "msgSchema",
      "fromEnvelope",
      "formatMessage",
      "makeDynError",
      "resolveEngineOptions",
      "SessionStateStore",
      "defaultStateDir",
      "JobWaiter",
      "zoneInfoSchema",
      "dynRecordSchema",
      "canonicalRdata",
      "checkField",
      "recordResource",
      "ZoneBatcher",
      "dsfServiceSchema",
      "dsfServiceBody",
      "liveModel",
      "planUpdate",
    ];
    assert.deepEqual(internals.filter((name) => name in root), []);
  });
});
