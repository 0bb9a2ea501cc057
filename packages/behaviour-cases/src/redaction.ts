/**
 * Redaction: the secret key never shows, in any rendering of any failure,
 * nor in what an application logs of it.
 */

import type { Call } from "./calls.js"
import * as calls from "./calls.js"
import { brokenBody, hang, json, type Reply, text, transportError } from "./replies.js"
import { clerkErrorBody } from "./wire.js"

/** The key the suites configure. */
export const SECRET = "sk_test_supersecret_value_123"

/** Every 8-character window of the key: no part of it may show up anywhere. */
export const secretParts: ReadonlyArray<string> = Array.from({ length: SECRET.length - 7 }, (_, i) =>
  SECRET.slice(i, i + 8)
)

/** The windows of the key that `rendered` contains (none, when nothing leaks). */
export const leaksIn = (rendered: string): ReadonlyArray<string> =>
  secretParts.filter((part) => rendered.includes(part))

/** Texts the leak check must catch, and one it must let through. */
export const probes = {
  leaking: [`Authorization: Bearer ${SECRET}`, `...${SECRET.slice(10, 18)}...`],
  clean: "Authorization: <redacted>"
} as const

export interface RedactionCase {
  readonly name: string
  readonly replies: () => ReadonlyArray<Reply>
  readonly call: Call
  /** `ClerkErrors`, or the `reason` of the `SDKError`. */
  readonly tag: string
}

const get = calls.get("sess_1")

/** One case per kind of failure an operation can end in. */
export const cases: ReadonlyArray<RedactionCase> = [
  {
    name: "ClerkErrors",
    replies: () => [json(404, clerkErrorBody(404, { clerk_trace_id: "t" }))],
    call: get,
    tag: "ClerkErrors"
  },
  { name: "SDKError InvalidInput", replies: () => [], call: calls.get("a/b"), tag: "InvalidInput" },
  {
    name: "SDKError UnexpectedStatus",
    replies: () => [text(502, "<html>bad gateway</html>")],
    call: get,
    tag: "UnexpectedStatus"
  },
  { name: "SDKError InvalidResponse", replies: () => [json(200, { wrong: true })], call: get, tag: "InvalidResponse" },
  {
    name: "SDKError Transport (transport rejected)",
    replies: () => [transportError(new TypeError("fetch failed"))],
    call: get,
    tag: "Transport"
  },
  { name: "SDKError Transport (body broke off)", replies: () => [brokenBody(200, "{")], call: get, tag: "Transport" },
  {
    name: "SDKError InvalidResponse from createToken",
    replies: () => [json(200, { object: "token" })],
    call: calls.createToken("sess_1", { expiresInSeconds: 60 }),
    tag: "InvalidResponse"
  }
]

/** An attempt that never answers ends in `Timeout` once the clock passes its 1 s timeout. */
export const timeoutCase = {
  call: get,
  replies: (): ReadonlyArray<Reply> => [hang],
  config: { timeout: "1 second" },
  advance: "5 seconds",
  tag: "Timeout"
} as const

/** A real failing request: nothing listens on port 1 of the loopback. */
export const refusedApiUrl = "http://127.0.0.1:1"
