/**
 * The TypeScript shape of the resource arguments: `type` selects the rdata fields (dynect-api §6.3),
 * so a program with a wrong or missing rdata field does not compile. The `@ts-expect-error` lines
 * are checked by the type check of `npm test` (an unused one is itself an error); the runtime test
 * checks that what the types accept, `check` accepts too.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { RecordArgs, RecordSetArgs, ZoneArgs } from "../../provider";
import { checkRecord, checkRecordSet, checkZone } from "../../provider/resources/check";

const zone: ZoneArgs = { name: "example.com", contact: "hostmaster@example.com", ttl: 3600, serialStyle: "day" };

const records: RecordArgs[] = [
  { zone: "example.com", name: "@", type: "A", rdata: { address: "192.0.2.1" } },
  { zone: "example.com", name: "@", type: "MX", ttl: 300, rdata: { preference: 10, exchange: "mail.example.com" } },
  { zone: "example.com", name: "_sip._tcp", type: "SRV", rdata: { priority: 10, weight: 5, port: "5060", target: "sip.example.com" } },
  { zone: "example.com", name: "@", type: "CAA", rdata: { flags: 0, tag: "issue", value: "letsencrypt.org" } },
  { zone: "example.com", name: "www", type: "CNAME", rdata: { cname: "example.com" } },
];

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
  });
});
