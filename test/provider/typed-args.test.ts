/**
 * The TypeScript shape of the resource arguments: `type` selects the rdata fields (dynect-api §6.3),
 * so a program with a wrong or missing rdata field does not compile. The `@ts-expect-error` lines
 * are checked by the type check of `npm test` (an unused one is itself an error); the runtime test
 * checks that what the types accept, `check` accepts too.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { RecordArgs, RecordSetArgs, UserRecordType, ZoneArgs, ZoneRecordArgs } from "../../provider";
import { checkRecord, checkRecordSet, checkZone } from "../../provider/resources/check";
import { RDATA_EXAMPLES } from "../../provider/resources/examples";
import { USER_RECORD_TYPES } from "../../provider/sdk/schemas/rdata";

const zone: ZoneArgs = { name: "example.com", contact: "hostmaster@example.com", ttl: 3600, serialStyle: "day" };

const records: RecordArgs[] = [
  { zone: "example.com", name: "@", type: "A", rdata: { address: "192.0.2.1" } },
  { zone: "example.com", name: "@", type: "MX", ttl: 300, rdata: { preference: 10, exchange: "mail.example.com" } },
  { zone: "example.com", name: "_sip._tcp", type: "SRV", rdata: { priority: 10, weight: 5, port: "5060", target: "sip.example.com" } },
  { zone: "example.com", name: "@", type: "CAA", rdata: { flags: 0, tag: "issue", value: "letsencrypt.org" } },
  { zone: "example.com", name: "www", type: "CNAME", rdata: { cname: "example.com" } },
  { zone: "example.com", name: "@", type: "CAA", rdata: { flags: "128", tag: "ISSUEWILD", value: ";" } },
  { zone: "example.com", name: "@", type: "MX", rdata: { preference: "0", exchange: "." } },
  { zone: "example.com", name: "vpn", type: "IPSECKEY", rdata: { precedence: 10, gatetype: "3", algorithm: 2, gateway: "vpn.example.com", public_key: "AQNRU3mG7TVTO2BkR47usntb102uFJtugbo6BSGvgqt4AQ==" } },
  { zone: "example.com", name: "hq", type: "LOC", rdata: { latitude: "42 21 54.000 n", longitude: "71 6 18 W", altitude: "-24", size: 30, horiz_pre: 10, vert_pre: 10, version: 0 } },
];

// Every example a check failure quotes compiles as a program's rdata of its type.
export const examplesCompile: RecordArgs[] = USER_RECORD_TYPES.map((type) => ({ zone: "example.com", name: "x", type, rdata: RDATA_EXAMPLES[type as UserRecordType] }) as RecordArgs);

const sets: RecordSetArgs[] = [{ zone: "example.com", name: "@", type: "TXT", records: [{ txtdata: "v=spf1 -all" }, { txtdata: "hello" }] }];

// Never called: these only have to fail to compile.
export function rejectedAtCompileTime(): RecordArgs[] {
  return [
    // @ts-expect-error an MX has no `address`
    { zone: "example.com", name: "@", type: "MX", rdata: { address: "192.0.2.1" } },
    // @ts-expect-error `exchange` is missing
    { zone: "example.com", name: "@", type: "MX", rdata: { preference: 10 } },
    // @ts-expect-error SOA belongs to the Zone resource
    { zone: "example.com", name: "@", type: "SOA", rdata: { rname: "x" } },
    // @ts-expect-error not a DynECT record type
    { zone: "example.com", name: "@", type: "XYZ", rdata: {} },
    // @ts-expect-error a CAA tag is issue, issuewild or iodef
    { zone: "example.com", name: "@", type: "CAA", rdata: { flags: 0, tag: "issuer", value: "letsencrypt.org" } },
    // @ts-expect-error an MX preference is a number or an integer string, not "ten"
    { zone: "example.com", name: "@", type: "MX", rdata: { preference: "ten", exchange: "mail.example.com" } },
    // @ts-expect-error not an integer string either
    { zone: "example.com", name: "_sip._tcp", type: "SRV", rdata: { priority: "1.5", weight: 5, port: 5060, target: "sip.example.com" } },
    // @ts-expect-error IPSECKEY gatetype is 0 to 3
    { zone: "example.com", name: "vpn", type: "IPSECKEY", rdata: { precedence: 10, gatetype: 4, algorithm: 2, gateway: "vpn.example.com", public_key: "AQ==" } },
    // @ts-expect-error LOC version is 0
    { zone: "example.com", name: "hq", type: "LOC", rdata: { latitude: "42 21 54 N", longitude: "71 6 18 W", altitude: 24, size: 30, horiz_pre: 10, vert_pre: 10, version: 1 } },
    // @ts-expect-error a latitude ends in N or S
    { zone: "example.com", name: "hq", type: "LOC", rdata: { latitude: "42 21 54 E", longitude: "71 6 18 W", altitude: 24, size: 30, horiz_pre: 10, vert_pre: 10, version: 0 } },
  ];
}

export function rejectedZoneRecordsAtCompileTime(): ZoneRecordArgs[] {
  return [
    // @ts-expect-error the same typing inside ZoneRecords
    { name: "@", type: "CAA", rdata: { flags: 0, tag: "issuer", value: "letsencrypt.org" } },
    // @ts-expect-error and in its values
    { name: "@", type: "MX", values: [{ preference: "ten", exchange: "mail.example.com" }] },
  ];
}

export function rejectedSetsAtCompileTime(): RecordSetArgs[] {
  return [
    // @ts-expect-error every record of an A set is an A rdata
    { zone: "example.com", name: "@", type: "A", records: [{ address: "192.0.2.1" }, { cname: "x.example.com" }] },
  ];
}

describe("typed resource arguments", () => {
  it("what the types accept passes check", () => {
    assert.deepEqual(checkZone({ ...zone }).failures, []);
    for (const r of records) assert.deepEqual(checkRecord({ ...r }).failures, [], JSON.stringify(r));
    for (const s of sets) assert.deepEqual(checkRecordSet({ ...s }).failures, [], JSON.stringify(s));
    for (const r of examplesCompile) assert.deepEqual(checkRecord({ ...r }).failures, [], JSON.stringify(r));
  });

  it("what the types reject, check rejects too", () => {
    for (const r of rejectedAtCompileTime()) assert.notDeepEqual(checkRecord({ ...r }).failures, [], JSON.stringify(r));
    for (const s of rejectedSetsAtCompileTime()) assert.notDeepEqual(checkRecordSet({ ...s }).failures, [], JSON.stringify(s));
  });
});
