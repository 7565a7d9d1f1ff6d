// A zone and the records of a small web site. Credentials come from stack config:
//   pulumi config set dyn:customerName <customer>
//   pulumi config set dyn:username <user>
//   pulumi config set --secret dyn:password        (prompts; stored encrypted)
//   pulumi config set dyn:apiUrl http://127.0.0.1:<port>   (only for the local emulator)
"use strict";
const pulumi = require("@pulumi/pulumi");
const dyn = require("pulumi-dyn");

const zoneName = new pulumi.Config().require("zone");

const zone = new dyn.Zone("zone", {
  name: zoneName,
  contact: `hostmaster@${zoneName}`,
  ttl: 3600,
});

// The apex A set: every address of the site, written in one call.
new dyn.RecordSet("apex", {
  zone: zone.name,
  name: "@",
  type: "A",
  ttl: 300,
  records: [{ address: "192.0.2.80" }, { address: "192.0.2.81" }],
});

const www = new dyn.Record("www", {
  zone: zone.name,
  name: "www",
  type: "CNAME",
  ttl: 300,
  rdata: { cname: zoneName },
});

new dyn.Record("mx", {
  zone: zone.name,
  name: "@",
  type: "MX",
  rdata: { preference: 10, exchange: `mail.${zoneName}` },
});

new dyn.Record("mail", {
  zone: zone.name,
  name: "mail",
  type: "A",
  rdata: { address: "192.0.2.25" },
});

exports.zone = zone.name;
exports.serial = zone.serial;
exports.www = www.fqdn;
