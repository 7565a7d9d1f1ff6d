// Geo routing for www with Dyn Traffic Director: North America is answered by two weighted A
// records, Europe by its own pool, everyone else by a default pool — and when every server of a
// rule is down, by a CNAME to a fallback host. One HTTPS monitor watches the servers.
// Credentials come from stack config:
//   pulumi config set dyn:customerName <customer>
//   pulumi config set dyn:username <user>
//   pulumi config set --secret dyn:password        (prompts; stored encrypted)
//   pulumi config set dyn:apiUrl http://127.0.0.1:<port>   (only for the local emulator)
"use strict";
const pulumi = require("@pulumi/pulumi");
const dyn = require("pulumi-dyn");

const config = new pulumi.Config();
const zoneName = config.require("zone");

const zone = new dyn.Zone("zone", { name: zoneName, contact: `hostmaster@${zoneName}`, ttl: 3600 });

// Probes each server's /health over HTTPS; a server that fails is taken out of its pool.
const https = new dyn.TrafficDirectorMonitor("www-https", {
  label: `www.${zoneName} https`,
  protocol: "HTTPS",
  probeInterval: 60,
  options: { port: 443, path: "/health", host: `www.${zoneName}`, timeout: 10 },
});

// A pool of A records watched by the monitor: `serveCount` of them are answered at a time,
// chosen by weight (1–15 for A records).
function servers(records, serveCount = 1) {
  return {
    chains: [{ core: true, recordSets: [{ type: "A", monitor: https.id, serveCount, records }] }],
  };
}

const www = new dyn.TrafficDirector("www", {
  // The label defaults to "www.<zone>.:A", the convention octoDNS reads.
  nodes: [{ zone: zone.name, name: "www" }],
  ttl: 60,
  pools: {
    "north-america": servers([
      { rdata: { address: "192.0.2.10" }, weight: 10 },
      { rdata: { address: "192.0.2.11" }, weight: 5 },
    ]),
    europe: servers([{ rdata: { address: "198.51.100.10" } }]),
    default: servers([{ rdata: { address: "203.0.113.10" } }]),
  },
  // Tried in order; the first rule that matches a query answers it.
  rules: [
    { geo: { regions: ["north-america"] }, pools: ["north-america"] },
    { geo: { regions: ["europe"] }, pools: ["europe"] },
    { pools: ["default"], failover: "fallback.example.net" },
  ],
});

exports.zone = zone.name;
exports.label = www.label;
exports.serviceId = www.serviceId;
exports.monitorId = https.monitorId;
