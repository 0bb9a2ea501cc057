/**
 * Configuration: what `ClerkConfig.layerConfig()` reads from the
 * environment, what a missing key says, and how the settings reach the wire.
 */

import type { Call } from "./calls.js"
import * as calls from "./calls.js"
import { SECRET } from "./redaction.js"
import { json, type Reply } from "./replies.js"
import { sessionWire } from "./wire.js"

/** Environments and the settings read from them (the user agent is each edition's own). */
export const fromEnvironment: ReadonlyArray<{
  readonly name: string
  readonly env: Readonly<Record<string, string>>
  readonly expected: {
    readonly secretKey: string
    readonly apiUrl: string
    readonly apiVersion: string
    readonly clerkApiVersion?: string
  }
  /** Whether the config's user agent is the edition's default. */
  readonly defaultUserAgent?: true
}> = [
  {
    name: "reads CLERK_SECRET_KEY (as Redacted), CLERK_API_URL and CLERK_API_VERSION",
    env: { CLERK_SECRET_KEY: SECRET, CLERK_API_URL: "http://127.0.0.1:4010/", CLERK_API_VERSION: "v2" },
    expected: { secretKey: SECRET, apiUrl: "http://127.0.0.1:4010", apiVersion: "v2", clerkApiVersion: "2026-05-12" }
  },
  {
    name: "defaults: https://api.clerk.com and v1",
    env: { CLERK_SECRET_KEY: SECRET },
    expected: { secretKey: SECRET, apiUrl: "https://api.clerk.com", apiVersion: "v1" },
    defaultUserAgent: true
  }
]

/** Environments without a usable key: a ConfigError that names `CLERK_SECRET_KEY` in its message (not "<redacted>"). */
export const missingSecretKey: ReadonlyArray<readonly [string, Readonly<Record<string, string>>]> = [
  ["missing", {}],
  ["empty", { CLERK_SECRET_KEY: "" }],
  ["only whitespace", { CLERK_SECRET_KEY: "  \t" }]
]

export interface OnTheWireCase {
  readonly name: string
  readonly call: Call
  readonly replies: () => ReadonlyArray<Reply>
  /** The URL of the one request, whole, or its origin and path. */
  readonly url?: string
  readonly origin?: string
  readonly path?: string
  /** Headers the request must carry (among others). */
  readonly headers?: Readonly<Record<string, string>>
}

/** The environment's settings on the wire. */
export const environmentOnTheWire: { readonly env: Readonly<Record<string, string>> } & OnTheWireCase = {
  name: "the configuration reaches the wire",
  env: { CLERK_SECRET_KEY: "sk_test_from_env", CLERK_API_URL: "http://127.0.0.1:4010" },
  call: calls.get("sess_1"),
  replies: () => [json(200, sessionWire("sess_1"))],
  url: "http://127.0.0.1:4010/v1/sessions/sess_1",
  headers: { authorization: "Bearer sk_test_from_env" }
}

/** `ClerkConfig.layer` options on the wire (the key is {@link SECRET}). */
export const optionsOnTheWire: ReadonlyArray<{ readonly options: Readonly<Record<string, string>> } & OnTheWireCase> = [
  {
    name: "apiUrl (trailing slash and a path prefix), apiVersion, clerkApiVersion, userAgent",
    options: {
      apiUrl: "http://localhost:4010/proxy/clerk/",
      apiVersion: "/v9/",
      clerkApiVersion: "2025-11-10",
      userAgent: "my-service/1.2.3"
    },
    call: calls.list({ userId: "user_1" }),
    replies: () => [json(200, { data: [], total_count: 0 })],
    origin: "http://localhost:4010",
    path: "/proxy/clerk/v9/sessions",
    headers: { "clerk-api-version": "2025-11-10", "user-agent": "my-service/1.2.3", authorization: `Bearer ${SECRET}` }
  },
  {
    name: "path parameters are percent-encoded",
    options: {},
    call: calls.createTokenFromTemplate("sess_ü&1", "tmpl+name=x"),
    replies: () => [json(200, { object: "token", jwt: "j" })],
    path: "/v1/sessions/sess_%C3%BC%261/tokens/tmpl%2Bname%3Dx"
  }
]

/** The one recorded request against what a wire case expects, as two plain values. */
export const wireView = (
  c: OnTheWireCase,
  requests: ReadonlyArray<{ readonly url: string; readonly headers: Readonly<Record<string, string>> }>
): { readonly actual: unknown; readonly expected: unknown } => {
  const request = requests[0]
  const url = request === undefined ? undefined : new URL(request.url)
  const actual: Record<string, unknown> = { requests: requests.length }
  const expected: Record<string, unknown> = { requests: 1 }
  if (c.url !== undefined) {
    actual.url = url?.href
    expected.url = c.url
  }
  if (c.origin !== undefined) {
    actual.origin = url?.origin
    expected.origin = c.origin
  }
  if (c.path !== undefined) {
    actual.path = url?.pathname
    expected.path = c.path
  }
  if (c.headers !== undefined) {
    actual.headers = Object.fromEntries(Object.keys(c.headers).map((name) => [name, request?.headers[name]]))
    expected.headers = c.headers
  }
  return { actual, expected }
}
