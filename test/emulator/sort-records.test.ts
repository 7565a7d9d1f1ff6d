/** Zone-tree order of records (state.ts sortRecords), used by AllRecord, ANYRecord, NodeList and the state snapshot. */
import { describe, it } from "node:test";
import * as assert from "node:assert/strict";
import { sortRecords, type StoredRecord } from "../../provider/emulator/state";
import type { RecordType } from "../../provider/emulator/rdata-table";

const rec = (id: number, fqdn: string, type: RecordType): StoredRecord => ({ id, fqdn, type, ttl: 60, rdata: {} });

describe("sortRecords", () => {
  it("apex first, then reversed labels; SOA, NS, then table order; ids ascending; in place", () => {
    const input = [
      rec(9, "www.z.test", "A"),
      rec(3, "z.test", "MX"),
      rec(8, "a.www.z.test", "TXT"),
      rec(2, "z.test", "NS"),
      rec(7, "www.z.test", "A"),
      rec(1, "z.test", "SOA"),
      rec(6, "*.z.test", "CNAME"),
      rec(5, "mail-2.z.test", "AAAA"),
      rec(4, "mail.z.test", "A"),
      rec(10, "www.z.test", "AAAA"),
      rec(11, "z.test", "A"),
    ];
    const sorted = sortRecords(input);
    assert.equal(sorted, input, "sorts the given array");
    assert.deepEqual(
      sorted.map((r) => `${r.fqdn} ${r.type} ${r.id}`),
      [
        "z.test SOA 1",
        "z.test NS 2",
        "z.test A 11",
        "z.test MX 3",
        "*.z.test CNAME 6",
        "mail.z.test A 4",
        "mail-2.z.test AAAA 5",
        "www.z.test A 7",
        "www.z.test A 9",
        "www.z.test AAAA 10",
        "a.www.z.test TXT 8",
      ],
    );
  });
});
