/**
 * What a user reads when a nested field is wrong, through the real dynamic-provider host: Pulumi
 * prints only top-level input values (`value {<nil>}` for `rdata.address`), so each reason names
 * the path and shows the value as written, quoted and cut when long, and goes without a property.
 */
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { startFixture, type Fixture } from "../helpers/provider-fixture";

const ZONE = "messages.example";

describe("check failure messages of nested fields, through the host", () => {
  let f: Fixture;
  before(async () => {
    f = await startFixture();
  });
  after(async () => {
    await f?.close();
  });

  async function reasons(kind: "record" | "recordSet" | "zoneRecords", news: Record<string, unknown>): Promise<string[]> {
    const { failures } = await f.host.check(kind, "bad", {}, news);
    for (const x of failures) assert.ok(x.property === "" || !/[.[]/.test(x.property), `nested property sent to the engine: ${JSON.stringify(x)}`);
    return failures.map((x) => x.reason);
  }

  it("Record: the rdata field, the address as typed, the fix", async () => {
    assert.deepEqual(await reasons("record", { zone: ZONE, name: "www", type: "A", rdata: { address: "192.0.2.256" } }), [
      'rdata.address must be an IPv4 address, got "192.0.2.256" — e.g. rdata: { address: "192.0.2.10" }',
    ]);
    assert.deepEqual(await reasons("record", { zone: ZONE, name: "@", type: "CAA", rdata: { flags: 0, tag: "issuer", value: "ca.example.net" } }), [
      'rdata.tag must be one of issue, issuewild, iodef, got "issuer" — e.g. rdata: { flags: 0, tag: "issue", value: "letsencrypt.org" }',
    ]);
  });

  it("RecordSet: the index of the member, and a list shown as JSON", async () => {
    const got = await reasons("recordSet", {
      zone: ZONE,
      name: "@",
      type: "MX",
      records: [{ preference: 10, exchange: "mx1.example.net" }, { preference: "ten", exchange: ["mx2.example.net"] }],
    });
    assert.deepEqual(got, [
      'records[1].exchange must be a valid host name, got ["mx2.example.net"] — e.g. { preference: 10, exchange: "mail.example.com" }',
      'records[1].preference must be an integer from 0 to 65535, got "ten" — e.g. { preference: 10, exchange: "mail.example.com" }',
    ]);
  });

  it("ZoneRecords: the path through records and values; a long value is cut", async () => {
    const long = `${"x".repeat(100)}.example.net`;
    const got = await reasons("zoneRecords", {
      zone: ZONE,
      records: [
        { name: "www", type: "A", ttl: "soon", rdata: { address: "192.0.2.1" } },
        { name: "@", type: "MX", values: [{ preference: 10, exchange: "mx1.example.net" }, { preference: 20, exchange: long }] },
      ],
    });
    assert.equal(got.length, 2, got.join("\n"));
    assert.equal(got[0], 'records[0].ttl must be an integer from 0 to 2147483647 seconds; 0 means the zone\'s default TTL, got "soon" — e.g. ttl: 3600');
    const cut = got[1].match(/^records\[1\]\.values\[1\]\.exchange must be a valid host name, got ("x+…") — e\.g\. /);
    assert.ok(cut, got[1]);
    assert.ok(cut[1].length <= 60, `the value is cut: ${cut[1]}`);
  });
});
