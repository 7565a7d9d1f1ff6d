/** Traffic Director state in the `--state-file` (emulator choice): published services, monitors, notifiers survive a restart; pending changes do not. */
import { after, before, describe, it } from "node:test";
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { Client, makeZone, start } from "./helpers";
import { firstIds, wwwService } from "./dsf-helpers";

describe("DSF in the state file", () => {
  let tmp = "";
  before(() => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), "dsf-state-"));
  });
  after(() => fs.rmSync(tmp, { recursive: true, force: true }));

  it("keeps published trees, links, monitors and notifiers; drops pending changes", async () => {
    const file = path.join(tmp, "state.json");
    const first = await start({ stateFile: file });
    const c = new Client(first.url);
    await c.login();
    await makeZone(c, "td.test");
    const mon = await c.ok("POST", "/REST/DSFMonitor/", { label: "m", protocol: "HTTPS", options: { port: 443 } });
    const n = await c.ok("POST", "/REST/Notifier/", { label: "ops" });
    const svc = await c.ok("POST", "/REST/DSF/", wwwService({ notifiers: [{ notifier_id: n.notifier_id }] }));
    const ids = firstIds(svc);
    await c.ok("PUT", `/REST/DSFRecordSet/${svc.service_id}/${ids.set}/`, { dsf_monitor_id: mon.dsf_monitor_id, publish: "Y" });
    const published = await c.ok("GET", `/REST/DSF/${svc.service_id}/`);
    await c.ok("PUT", `/REST/DSFRecord/${svc.service_id}/${ids.record}/`, { weight: 9, publish: "N" });
    await first.close();

    const second = await start({ stateFile: file });
    const c2 = new Client(second.url);
    await c2.login();
    assert.deepEqual(await c2.ok("GET", `/REST/DSF/${svc.service_id}/`, { pending_changes: "Y" }), published, "the staged weight is gone, the rest is back");
    assert.deepEqual((await c2.ok("GET", `/REST/DSFMonitor/${mon.dsf_monitor_id}/`)).services, [svc.service_id]);
    assert.equal((await c2.ok("GET", `/REST/Notifier/${n.notifier_id}/`)).label, "ops");
    assert.ok((await c2.ok("GET", "/REST/NodeList/td.test/")).includes("www.td.test"));
    // and it goes on working: a change, a publish, a delete
    await c2.ok("PUT", `/REST/DSFRecord/${svc.service_id}/${ids.record}/`, { weight: 3, publish: "Y" });
    await c2.ok("DELETE", `/REST/DSF/${svc.service_id}/`);
    await second.close();
    const third = await start({ stateFile: file });
    assert.deepEqual(third.control.state().dsf.services, {});
    assert.equal(Object.keys(third.control.state().dsf.monitors).length, 1);
    await third.close();
  });
});
