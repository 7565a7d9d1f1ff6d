/**
 * The creation journal (provider/deployment/creation-journal.ts): what a crashed process noted
 * before a publish is taken over by exactly one later process; what a live process noted is not.
 */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { hostname, tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { CreationJournal, creationKey } from "../../provider/deployment/creation-journal";

const IDENTITY = { apiUrl: "http://127.0.0.1:1", customer: "acme", scope: JSON.stringify(["proj", "/work/proj"]) };

/** An owner whose process has ended (a node process that ran and exited). */
function deadOwner(): { id: string; pid: number; host: string } {
  const pid = spawnSync(process.execPath, ["-e", ""]).pid;
  assert.ok(pid);
  return { id: `${pid}-dead`, pid, host: hostname() };
}

describe("creation journal", () => {
  const dir = mkdtempSync(join(tmpdir(), "dyn-journal-"));
  after(() => rmSync(dir, { recursive: true, force: true }));
  const files = () => readdirSync(join(dir, "journal")).flatMap((d) => readdirSync(join(dir, "journal", d)));

  it("a crashed process's creations are taken over once, by one process, and stay claimable there", () => {
    const key = creationKey("record", "example.com", "www.example.com", "A", '{"address":"192.0.2.1"}');
    const crashed = new CreationJournal(dir, IDENTITY, deadOwner());
    crashed.note([key, creationKey("recordSet", "example.com", "mail.example.com", "MX")]);
    assert.equal(files().length, 1);

    const next = new CreationJournal(dir, IDENTITY);
    assert.equal(next.takeOver(creationKey("zone", "other.com")), false, "a key nobody noted");
    assert.equal(next.takeOver(key), true);
    assert.equal(next.takeOver(creationKey("recordSet", "example.com", "mail.example.com", "MX")), true, "the other entries of the claimed file are the taker's too");
    assert.equal(files().length, 1, "the dead owner's file was merged into the taker's");
    // The taker is alive: a third process cannot take the same entries.
    const third = new CreationJournal(dir, IDENTITY);
    assert.equal(third.takeOver(creationKey("recordSet", "example.com", "mail.example.com", "MX")), false);
    // The taker ends cleanly: nothing is left.
    next.close();
    assert.deepEqual(files(), []);
  });

  it("a live process's creations are never taken over; another account or project does not see them", () => {
    const key = creationKey("zone", "live.example");
    const live = new CreationJournal(dir, IDENTITY);
    live.note([key]);
    assert.equal(new CreationJournal(dir, IDENTITY).takeOver(key), false);
    const gone = new CreationJournal(dir, { ...IDENTITY, scope: JSON.stringify(["other", "/work/other"]) }, deadOwner());
    gone.note([creationKey("zone", "elsewhere.example")]);
    assert.equal(new CreationJournal(dir, IDENTITY).takeOver(creationKey("zone", "elsewhere.example")), false, "another project's journal");
    live.close();
    gone.close();
  });
});
