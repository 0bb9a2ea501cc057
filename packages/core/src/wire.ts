/**
 * One request to Clerk and its answer, as plain data: what the SDK's core
 * sends and reads, whichever transport carries it. Nothing here imports
 * Effect: a transport's direct path (`node:http`, `fetch`) is a {@link Send}
 * over these types, shared by every edition of the SDK.
 *
 * @internal
 */

/** @internal */
export type WireMethod = "GET" | "POST" | "PATCH" | "DELETE"

/**
 * A request ready to go: the full URL (query included), every header, and
 * the body as JSON text (`undefined` sends none).
 * @internal
 */
export interface WireRequest {
  readonly method: WireMethod
  readonly url: string
  readonly headers: Readonly<Record<string, string>>
  readonly body: string | undefined
}

/**
 * A header of the answer by its lower-case name. Only non-2xx answers are
 * asked (`Retry-After`, the trace id), so a transport reads its headers
 * lazily rather than copying them on every call.
 * @internal
 */
export type WireHeader = (lowerCaseName: string) => string | undefined

/**
 * How one exchange ended: a whole answer, a request that got no answer at all
 * (connection refused, DNS, reset before the status line), or an answer whose
 * body broke off.
 * @internal
 */
export type WireOutcome =
  | { readonly _tag: "Answered"; readonly status: number; readonly header: WireHeader; readonly text: string }
  | { readonly _tag: "NotAnswered"; readonly cause: unknown }
  | { readonly _tag: "BodyFailed"; readonly status: number; readonly cause: unknown }

/**
 * A transport's direct path: sends `request`, reads the whole body, reports
 * through `done`, and returns how to abort. Timers and interruption belong
 * to the caller, which takes the first report and ignores any later one (an
 * aborted request may still report its failure).
 * @internal
 */
export type Send = (request: WireRequest, done: (outcome: WireOutcome) => void) => () => void

/**
 * A query value: `undefined` is left out; an array repeats its key
 * (`user_id=a&user_id=b`, as Clerk's list endpoints take ids).
 * @internal
 */
export type QueryValue = string | number | boolean | undefined | ReadonlyArray<string | number | boolean>

/**
 * The full URL of a request: `base` (ending in `/`), the path segments (each
 * already validated and percent-encoded) and the query, form-encoded as
 * `URLSearchParams` does (what `@effect/platform` did before).
 * @internal
 */
export const buildUrl = (
  base: string,
  path: ReadonlyArray<string>,
  query: Readonly<Record<string, QueryValue>> | undefined
): string => {
  const url = base + path.join("/")
  if (query === undefined) return url
  const params = new URLSearchParams()
  for (const key in query) {
    const value = query[key]
    if (value === undefined) continue
    if (Array.isArray(value)) {
      for (const item of value as ReadonlyArray<string | number | boolean>) params.append(key, String(item))
    } else {
      params.append(key, String(value))
    }
  }
  const search = params.toString()
  return search.length === 0 ? url : `${url}?${search}`
}

/**
 * A 2xx status: the answer is decoded with the operation's schema.
 * @internal
 */
export const isSuccess = (status: number): boolean => status >= 200 && status < 300

/**
 * The path of a URL for an error message: never the query (it may carry
 * ids a log should not) and never a header.
 * @internal
 */
export const pathOf = (url: string): string => {
  try {
    return new URL(url).pathname
  } catch {
    return "(invalid URL)"
  }
}

/**
 * The headers of every call to Clerk, built once per client and shared by
 * its calls: `plain` for requests without a body, `json` for those with one.
 * The secret is only ever in the `authorization` value of these records.
 * @internal
 */
export interface ClerkHeaders {
  readonly plain: Readonly<Record<string, string>>
  readonly json: Readonly<Record<string, string>>
}

/** @internal */
export const clerkHeaders = (settings: {
  readonly secretKey: string
  readonly clerkApiVersion: string
  readonly userAgent: string
}): ClerkHeaders => {
  const plain = Object.freeze({
    authorization: `Bearer ${settings.secretKey}`,
    accept: "application/json",
    "clerk-api-version": settings.clerkApiVersion,
    "user-agent": settings.userAgent
  })
  return { plain, json: Object.freeze({ ...plain, "content-type": "application/json" }) }
}

/**
 * A request as a resource describes it, before the edition adds its body
 * and answer schema.
 * @internal
 */
export interface RequestDescription {
  /** Name used in spans and metrics, e.g. `sessions.get`. */
  readonly operation: string
  /**
   * Whether sending the request twice is harmless. Decides the retry policy:
   * idempotent requests retry on 408/429/5xx, timeouts and transport errors;
   * the others only on 429 and on failures before the request was sent.
   */
  readonly idempotent: boolean
  readonly method: WireMethod
  /** URL segments after `{apiUrl}/{apiVersion}`, each already validated and percent-encoded. */
  readonly path: ReadonlyArray<string>
  /**
   * Query parameters; `undefined` values are left out, and an array repeats
   * its key (`user_id=a&user_id=b`, as Clerk's list endpoints take ids).
   */
  readonly urlParams?: Readonly<Record<string, QueryValue>> | undefined
  /** Attributes of the operation's span (e.g. `clerk.session_id`). */
  readonly attributes?: Readonly<Record<string, string>> | undefined
}
