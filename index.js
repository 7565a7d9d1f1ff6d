// The demo program: one zone with the records a typical web site needs. It uses pulumi-dyn exactly
// as an application would after `npm install pulumi-dyn`; credentials come from stack config
// (dyn:customerName, dyn:username, dyn:password as a secret, dyn:apiUrl).
"use strict";
const pulumi = require("@pulumi/pulumi");
const dyn = require("pulumi-dyn");

const config = new pulumi.Config();
const zoneName = config.get("zone") || "example.com";

const zone = new dyn.Zone("zone", {
  name: zoneName,
  contact: `hostmaster@${zoneName}`,
  ttl: 3600,
});

// Every record names its zone through the Zone's output, so Pulumi creates the zone first.
const inZone = { zone: zone.name };

const apexV4 = new dyn.RecordSet("apex-a", {
  ...inZone, name: "@", type: "A", ttl: 300,
  records: [{ address: "192.0.2.10" }, { address: "192.0.2.11" }],
});
const apexV6 = new dyn.Record("apex-aaaa", {
  ...inZone, name: "@", type: "AAAA", ttl: 300,
  rdata: { address: "2001:db8::10" },
});
const www = new dyn.Record("www", {
  ...inZone, name: "www", type: "CNAME", ttl: 300,
  rdata: { cname: zoneName },
});
const mail = new dyn.Record("mail-a", {
  ...inZone, name: "mail", type: "A",
  rdata: { address: "192.0.2.25" },
});
const mx = new dyn.RecordSet("mx", {
  ...inZone, name: "@", type: "MX",
  records: [
    { preference: 10, exchange: `mail.${zoneName}` },
    { preference: 20, exchange: "backup-mx.example.net" },
  ],
});
const spf = new dyn.Record("spf", {
  ...inZone, name: "@", type: "TXT",
  rdata: { txtdata: "v=spf1 mx include:_spf.example.net -all" },
});
const caa = new dyn.RecordSet("caa", {
  ...inZone, name: "@", type: "CAA",
  records: [
    { flags: 0, tag: "issue", value: "letsencrypt.org" },
    { flags: 0, tag: "iodef", value: `mailto:security@${zoneName}` },
  ],
});
const sip = new dyn.Record("sip-srv", {
  ...inZone, name: "_sip._tcp", type: "SRV",
  rdata: { priority: 10, weight: 5, port: 5060, target: `sip.${zoneName}` },
});

// A one-line summary per resource, e.g. "www.example.com 300 CNAME example.com.".
function describe(res, values) {
  return pulumi
    .all([res.fqdn, res.ttl, res.type, values])
    .apply(([fqdn, ttl, type, rdatas]) =>
      `${fqdn} ${ttl || "(zone default)"} ${type} ${rdatas.map((r) => Object.values(r).join(" ")).join(" | ")}`);
}

exports.zone = zone.name;
// The live serial after this deployment's publishes (Zone.serial is the zone's own last publish).
exports.serial = dyn.getZoneSerial(zone.name);
exports.records = pulumi.all([
  describe(apexV4, apexV4.records.apply(Object.values)),
  describe(apexV6, apexV6.rdata.apply((r) => [r])),
  describe(www, www.rdata.apply((r) => [r])),
  describe(mail, mail.rdata.apply((r) => [r])),
  describe(mx, mx.records.apply(Object.values)),
  describe(spf, spf.rdata.apply((r) => [r])),
  describe(caa, caa.records.apply(Object.values)),
  describe(sip, sip.rdata.apply((r) => [r])),
]);
