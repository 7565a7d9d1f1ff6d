/**
 * The replies of the malformed-answer fault modes (faults.ts): what a broken front end, proxy or
 * load balancer in front of DynECT might send instead of an envelope. None applies the request.
 */
import type * as http from "node:http";
import { errorMsg, info } from "./envelope";
import { sendJson } from "./json-reply";
import type { FailMode } from "./faults";

export type MalformedMode = Extract<FailMode, "invalid-json" | "wrong-envelope" | "html-error" | "failure-200">;
const MALFORMED: readonly string[] = ["invalid-json", "wrong-envelope", "html-error", "failure-200"] satisfies MalformedMode[];

export function isMalformedMode(mode: FailMode | undefined): mode is MalformedMode {
  return mode !== undefined && MALFORMED.includes(mode);
}

const BAD_GATEWAY_PAGE =
  "<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n";

function sendText(res: http.ServerResponse, status: number, contentType: string, text: string): void {
  res.writeHead(status, { "Content-Type": contentType, "Content-Length": String(Buffer.byteLength(text)) });
  res.end(text);
}

export function sendMalformed(res: http.ServerResponse, mode: MalformedMode, jobId: number): void {
  switch (mode) {
    case "invalid-json":
      // A body cut short, as a proxy that dropped the upstream connection mid-reply sends it.
      return sendText(res, 200, "application/json", `{"status": "success", "data": {"zone": "`);
    case "wrong-envelope":
      return sendJson(res, 200, { result: "ok", items: [] });
    case "html-error":
      return sendText(res, 502, "text/html", BAD_GATEWAY_PAGE);
    case "failure-200":
      return sendJson(res, 200, {
        status: "failure",
        data: {},
        job_id: jobId,
        msgs: [errorMsg("OPERATION_FAILED", "service: The operation could not be completed"), info("request: Request not processed")],
      });
  }
}
