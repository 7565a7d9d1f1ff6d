// Take over legacy.example.net, a zone that already lives in DynECT (see legacy.zone), without
// recreating anything. `pulumi import` cannot work for dynamic-provider resources, so every
// resource says `adopt: true`: its first `pulumi up` binds to the existing object instead of
// failing with "already exists", then converges it to what is declared here (the www TTL below).
// After that first up, `adopt` has no effect and the resources are managed like any other.
"use strict";
const pulumi = require("@pulumi/pulumi");
const dyn = require("pulumi-dyn");

const zoneName = new pulumi.Config().require("zone");

const zone = new dyn.Zone("zone", {
  name: zoneName,
  contact: `hostmaster@${zoneName}`,
  ttl: 3600,
  adopt: true,
});

// A RecordSet owns every record of its type at its node: these two A records, exactly.
new dyn.RecordSet("apex-a", {
  zone: zone.name,
  name: "@",
  type: "A",
  ttl: 300,
  records: [{ address: "198.51.100.10" }, { address: "198.51.100.11" }],
  adopt: true,
});

new dyn.RecordSet("mx", {
  zone: zone.name,
  name: "@",
  type: "MX",
  records: [
    { preference: 10, exchange: `mx1.${zoneName}` },
    { preference: 20, exchange: `mx2.${zoneName}` },
  ],
  adopt: true,
});

// A Record manages one record and leaves other records of its type at the node alone.
new dyn.Record("spf", {
  zone: zone.name,
  name: "@",
  type: "TXT",
  rdata: { txtdata: "v=spf1 mx -all" },
  adopt: true,
});

// Adopted, then converged: the hand-set TTL of 86400 becomes 300.
const www = new dyn.Record("www", {
  zone: zone.name,
  name: "www",
  type: "CNAME",
  ttl: 300,
  rdata: { cname: zoneName },
  adopt: true,
});

exports.zone = zone.name;
exports.www = www.fqdn;
