/** /REST/Job/<id>/ (§4) and /REST/Task/[<id>/] (§5.8). */
import { fail, info, ok, type Outcome } from "../envelope";
import { TEXT } from "../messages";
import { sessionOf, type Ctx } from "../context";

/**
 * A finished job answers HTTP 200 with the original request's envelope (even a failure, per the
 * get-job doc), under the polled job id; a running one `{"status":"incomplete","data":null,"job_id":N}`
 * without msgs, as in the real log (§4). Jobs of other sessions are not found.
 */
export function getJob(ctx: Ctx): Outcome {
  const id = Number(ctx.params[0]);
  const job = /^\d+$/.test(ctx.params[0] ?? "") ? sessionOf(ctx).jobs.get(id) : undefined;
  if (!job) throw fail(404, "NOT_FOUND", TEXT.jobNotFound);
  if (!job.outcome) return { httpStatus: 200, status: "incomplete", data: null, msgs: [], jobId: id, noMsgs: true };
  return { ...job.outcome, httpStatus: 200, jobId: id };
}

export function getTask(ctx: Ctx): Outcome {
  const { emu } = ctx;
  emu.faults.refresh();
  const customer = sessionOf(ctx).customer;
  const visible = [...emu.store.tasks.values()].filter((t) => t.customer_name === customer || t.customer_name === "");
  if (ctx.params.length === 0) return ok(visible, info(TEXT.taskList(visible.length)));
  const task = visible.find((t) => t.task_id === ctx.params[0]);
  if (!task) throw fail(404, "NOT_FOUND", TEXT.taskNotFound);
  return ok(task, info(TEXT.taskGet));
}
