/**
 * `FetchTransport`'s direct path: one `fetch` and its whole body in one
 * promise chain, aborted by one `AbortController`. No Effect here.
 *
 * @internal
 */
import type { Send, WireOutcome } from "./wire.js"

/**
 * Sends with `globalThis.fetch`, looked up per call so that a runtime (or a
 * test) that replaces it is honoured.
 * @internal
 */
export const fetchSend: Send = (request, done) => {
  const controller = new AbortController()
  let status = 0
  // A GET goes without `method` and `body`: undici normalises each option it
  // is given, and most calls are GETs.
  const init: RequestInit =
    request.body === undefined && request.method === "GET"
      ? { headers: request.headers as Record<string, string>, signal: controller.signal }
      : {
          method: request.method,
          headers: request.headers as Record<string, string>,
          body: request.body ?? null,
          signal: controller.signal
        }
  globalThis
    .fetch(request.url, init)
    .then(
      (response) => {
        status = response.status
        return response.text().then(
          (text): WireOutcome => ({
            _tag: "Answered",
            status,
            header: (name) => response.headers.get(name) ?? undefined,
            text
          }),
          (cause): WireOutcome => ({ _tag: "BodyFailed", status, cause })
        )
      },
      (cause): WireOutcome => ({ _tag: "NotAnswered", cause })
    )
    .then(done)
  return () => controller.abort()
}
