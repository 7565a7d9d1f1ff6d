/** Jobs (§4): the raw answer of `GET /REST/Job/<id>/`, without following it. */
import type { ApiCaller } from "../engine/call";
import type { ApiResult } from "../engine/session-engine";

/** `status` "incomplete" while the job runs; afterwards the original call's envelope (§4). */
export async function getJob(s: ApiCaller, jobId: number): Promise<ApiResult<unknown>> {
  if (!Number.isSafeInteger(jobId) || jobId <= 0) throw new TypeError(`invalid job id ${jobId}`);
  return s.call("GET", `/REST/Job/${jobId}/`, undefined, { followJobs: false });
}
