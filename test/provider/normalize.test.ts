import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { keyedRdata, liveContact, normalizeContact, normalizeZoneName, resolveRecordName, valueKey } from "../../provider/resources/normalize";
import { canonicalRdata, normalizeHostname, normalizeIPv6, txtText, txtWireForm, validateRdata, wireRdata } from "../../provider/sdk/schemas/rdata";

describe("normalize", () => {
  it("lower-cases zone names and drops the trailing dot", () => {
    assert.equal(normalizeZoneName("Example.COM."), "example.com");
    assert.equal(normalizeZoneName("com"), undefined);
    assert.equal(normalizeZoneName("exa mple.com"), undefined);
  });

  it("resolves relative, apex and absolute record names", () => {
    assert.deepEqual(resolveRecordName("", "example.com"), { label: "@", fqdn: "example.com" });
    assert.deepEqual(resolveRecordName("@", "example.com"), { label: "@", fqdn: "example.com" });
    assert.deepEqual(resolveRecordName("WWW", "example.com"), { label: "www", fqdn: "www.example.com" });
    assert.deepEqual(resolveRecordName("www.example.com", "example.com"), { label: "www", fqdn: "www.example.com" });
    assert.deepEqual(resolveRecordName("www.Example.com.", "example.com"), { label: "www", fqdn: "www.example.com" });
    assert.deepEqual(resolveRecordName("example.com.", "example.com"), { label: "@", fqdn: "example.com" });
    assert.deepEqual(resolveRecordName("*.dev", "example.com"), { label: "*.dev", fqdn: "*.dev.example.com" });
    assert.ok("error" in resolveRecordName("www.example.org.", "example.com"));
    assert.ok("error" in resolveRecordName("bad label", "example.com"));
  });

  it("writes host names the way DynECT returns them", () => {
    assert.equal(normalizeHostname("Mail.Example.com"), "mail.example.com.");
    assert.equal(normalizeHostname("mail.example.com."), "mail.example.com.");
  });

  it("accepts contacts in e-mail or mailbox form", () => {
    assert.equal(normalizeContact("Hostmaster@Example.com"), "hostmaster@example.com");
    assert.equal(normalizeContact("hostmaster.example.com."), "hostmaster@example.com");
    assert.equal(normalizeContact("nobody"), undefined);
  });

  it("keeps TXT as the user wrote it; reads quoted chunks as their joined text", () => {
    assert.equal(txtText("v=spf1 -all"), "v=spf1 -all");
    assert.equal(txtText('"v=spf1 -all"'), "v=spf1 -all");
    const long = "k=rsa; p=" + "A".repeat(400);
    assert.equal(txtText(long), long, "long text stays one string in state, diffs and outputs");
    // DynECT's form, and chunks of another size given by the user, are the same value.
    assert.equal(txtText(txtWireForm(long)), long);
    assert.equal(txtText(`"${long.slice(0, 100)}" "${long.slice(100)}"`), long);
    assert.equal(txtText(txtText(long)), long, "idempotent");
  });

  it("chunks long TXT into quoted 255-byte strings on the wire only", () => {
    assert.equal(txtWireForm("v=spf1 -all"), "v=spf1 -all");
    const long = "k=rsa; p=" + "A".repeat(400);
    const chunked = txtWireForm(long);
    assert.match(chunked, /^"[^"]{255}" "[^"]+"$/);
    assert.equal(txtWireForm(chunked), chunked, "idempotent");
    assert.deepEqual(wireRdata("TXT", { txtdata: long }), { txtdata: chunked });
    assert.deepEqual(wireRdata("SPF", { txtdata: long }), { txtdata: chunked });
    assert.deepEqual(wireRdata("A", { address: "192.0.2.1" }), { address: "192.0.2.1" });
    // Multi-byte characters are never cut in two.
    const wide = "é".repeat(200);
    const pieces = txtWireForm(wide).match(/"([^"]*)"/g)!.map((p) => p.slice(1, -1));
    assert.equal(pieces.join(""), wide);
    assert.ok(pieces.every((p) => Buffer.byteLength(p) <= 255));
  });

  it("escapes quotes inside long TXT chunks and reads them back", () => {
    const text = 'say "hi" ' + "x".repeat(300);
    const chunked = txtWireForm(text);
    assert.ok(chunked.startsWith('"say \\"hi\\" '));
    assert.equal(txtText(chunked), text);
  });

  it("normalises rdata: integers, host names, order", () => {
    assert.deepEqual(canonicalRdata("MX", { exchange: "Mail.Example.com", preference: "10" }), {
      exchange: "mail.example.com.",
      preference: 10,
    });
    assert.deepEqual(Object.keys(canonicalRdata("SRV", { target: "a.b", port: 1, weight: 2, priority: 3 })), [
      "priority",
      "weight",
      "port",
      "target",
    ]);
  });

  it("writes hex digits (SSHFP, TLSA, DS, CDS) lower case without spaces; base64 keeps its case", () => {
    assert.deepEqual(canonicalRdata("SSHFP", { algorithm: 1, fptype: 1, fingerprint: "DD46 5C09" }), { algorithm: 1, fptype: 1, fingerprint: "dd465c09" });
    assert.equal(canonicalRdata("DS", { algorithm: 8, digest: "2BB1", digtype: 1, keytag: 1 }).digest, "2bb1");
    assert.equal(canonicalRdata("DNSKEY", { algorithm: 13, flags: 257, protocol: 3, public_key: "AbC=" }).public_key, "AbC=");
    assert.deepEqual(validateRdata("TLSA", { cert_usage: 3, selector: 1, match_type: 1, certificate: "0c7" }).map((p) => p.field), ["certificate"]);
    assert.deepEqual(validateRdata("TLSA", { cert_usage: 3, selector: 1, match_type: 1, certificate: "xyz0" }).map((p) => p.reason), ["must be hexadecimal digits (0-9, a-f), an even number of them"]);
  });

  it("keys multi-value sets by zone-file text, in one order", () => {
    const a = keyedRdata("A", [{ address: "192.0.2.2" }, { address: "192.0.2.1" }]);
    const b = keyedRdata("A", [{ address: "192.0.2.1" }, { address: "192.0.2.2" }]);
    assert.deepEqual(Object.entries(a), Object.entries(b));
    assert.equal(valueKey("MX", { exchange: "mail.example.com.", preference: 10 }), "10 mail.example.com.");
    assert.equal(valueKey("TXT", { txtdata: "v=spf1 -all" }), '"v=spf1 -all"');
    assert.equal(valueKey("CAA", { flags: 0, tag: "issue", value: "letsencrypt.org" }), "0 issue letsencrypt.org");
  });
});

describe("mailboxes", () => {
  it("writes RP mbox in the DNS mailbox form DynECT returns", () => {
    assert.deepEqual(canonicalRdata("RP", { mbox: "Admin@Example.com", txtdname: "info.example.com" }), {
      mbox: "admin.example.com.",
      txtdname: "info.example.com.",
    });
  });

  it("keeps a declared contact whose mailbox form matches the live SOA rname", () => {
    assert.equal(liveContact("first.last.example.com.", "first.last@example.com"), "first.last@example.com");
    assert.equal(liveContact("hostmaster.example.com.", undefined), "hostmaster@example.com");
    assert.equal(liveContact("other.example.com.", "first.last@example.com"), "other@example.com");
  });
});

describe("IPv6", () => {
  it("writes addresses in RFC 5952 form", () => {
    assert.equal(normalizeIPv6("2001:DB8:0:0:0:0:0:1"), "2001:db8::1");
    assert.equal(normalizeIPv6("2001:0db8::0001"), "2001:db8::1");
    assert.equal(normalizeIPv6("2001:db8:0:1:0:0:0:1"), "2001:db8:0:1::1");
    assert.equal(normalizeIPv6("2001:db8:0:0:1:0:0:1"), "2001:db8::1:0:0:1");
    assert.equal(normalizeIPv6("::"), "::");
    assert.equal(normalizeIPv6("::1"), "::1");
    assert.equal(normalizeIPv6("fe80::"), "fe80::");
    assert.equal(normalizeIPv6("2001:db8:1:1:1:1:0:1"), "2001:db8:1:1:1:1:0:1");
    assert.equal(normalizeIPv6("::FFFF:192.0.2.1"), "::ffff:192.0.2.1");
  });
});
