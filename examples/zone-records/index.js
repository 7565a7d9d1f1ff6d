// Every record of a zone in one ZoneRecords resource: the choice for a whole zone and for more than
// a few dozen records. One live read plans the change, one call writes each changed node and type,
// and the zone is published once. Credentials come from stack config:
//   pulumi config set dyn:customerName <customer>
//   pulumi config set dyn:username <user>
//   pulumi config set --secret dyn:password        (prompts; stored encrypted)
//   pulumi config set dyn:apiUrl http://127.0.0.1:<port>   (only for the local emulator)
"use strict";
const pulumi = require("@pulumi/pulumi");
const dyn = require("pulumi-dyn");

const config = new pulumi.Config();
const zoneName = config.require("zone");
const hosts = config.requireNumber("hosts");

const zone = new dyn.Zone("zone", { name: zoneName, contact: `hostmaster@${zoneName}`, ttl: 3600 });

// A fleet of hosts, each with an A record, plus the site's usual records.
const fleet = Array.from({ length: hosts }, (_, i) => ({
  name: `host-${String(i).padStart(3, "0")}`,
  type: "A",
  ttl: 300,
  rdata: { address: `198.51.100.${i % 250}` },
}));

const records = new dyn.ZoneRecords("records", {
  zone: zone.name,
  records: [
    // Several records of one node and type: one entry with `values`.
    { name: "@", type: "A", ttl: 300, values: [{ address: "192.0.2.80" }, { address: "192.0.2.81" }] },
    { name: "www", type: "CNAME", ttl: 300, rdata: { cname: zoneName } },
    { name: "@", type: "MX", values: [{ preference: 10, exchange: `mx1.${zoneName}` }, { preference: 20, exchange: `mx2.${zoneName}` }] },
    { name: "mx1", type: "A", rdata: { address: "192.0.2.25" } },
    { name: "mx2", type: "A", rdata: { address: "192.0.2.26" } },
    { name: "@", type: "TXT", rdata: { txtdata: "v=spf1 mx -all" } },
    { name: "_sip._tcp", type: "SRV", rdata: { priority: 10, weight: 5, port: 5060, target: `sip.${zoneName}` } },
    ...fleet,
  ],
  // Left alone: what a certificate tool writes while renewing.
  ignore: ["_acme-challenge"],
});

exports.zone = zone.name;
exports.recordCount = records.recordCount;
