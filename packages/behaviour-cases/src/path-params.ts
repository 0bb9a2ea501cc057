/**
 * Path parameters, property-based: any id with a forbidden character is
 * `InvalidInput` and sends nothing; any id of safe characters reaches the
 * wire percent-encoded, as one segment, and round-trips.
 */
import type * as FastCheck from "fast-check"
import type { Call } from "./calls.js"
import * as calls from "./calls.js"
import type { Outcome } from "./outcomes.js"
import { json, type Reply } from "./replies.js"
import { sessionWire } from "./wire.js"

/** The rule of issue 2, written out independently of the implementation's regex. */
export const isForbidden = (value: string): boolean =>
  value.length === 0 ||
  value === "." ||
  value.includes("..") ||
  /[/?#%]/.test(value) ||
  /\s/u.test(value) ||
  /\p{Cc}/u.test(value) ||
  /\p{Cs}/u.test(value)

type Fc = Omit<typeof FastCheck, "default">

/** Ids built around at least one forbidden piece. */
export const forbiddenId = (fc: Fc) => {
  const forbiddenPiece = fc.oneof(
    fc.constantFrom("/", "..", "?", "#", "%", " ", "\t", "\n", "\r", "\u000b", "\f", "\u00a0", "\u2028", "\u3000"),
    fc.integer({ min: 0, max: 0x1f }).map((code) => String.fromCharCode(code)),
    fc.integer({ min: 0x7f, max: 0x9f }).map((code) => String.fromCharCode(code)),
    fc.integer({ min: 0xd800, max: 0xdfff }).map((code) => String.fromCharCode(code))
  )
  const anyText = fc.string({ unit: "binary", maxLength: 20 })
  return fc.oneof(
    fc.constantFrom("", "."),
    fc.tuple(anyText, forbiddenPiece, anyText).map(([before, piece, after]) => before + piece + after)
  )
}

/** Non-empty ids of any code points (astral ones included) that the rule allows. */
export const safeId = (fc: Fc) =>
  fc
    .string({
      unit: fc.oneof(
        fc.constantFrom(".", "-", "_", "~", "+", "&", "=", "'", "é", "😀"),
        fc.integer({ min: 0, max: 0x10ffff }).map((code) => String.fromCodePoint(code))
      ),
      minLength: 1,
      maxLength: 30
    })
    .filter((value) => !isForbidden(value))

export const runs = { forbidden: 150, safe: 150, templates: 100 } as const

/** `get(id)`, answered with that session. */
export const getCase = (id: string): { readonly call: Call; readonly replies: () => ReadonlyArray<Reply> } => ({
  call: calls.get(id),
  replies: () => [json(200, sessionWire(id))]
})

/** `createTokenFromTemplate("sess_1", name)`, answered with a token. */
export const templateCase = (name: string): { readonly call: Call; readonly replies: () => ReadonlyArray<Reply> } => ({
  call: calls.createTokenFromTemplate("sess_1", name),
  replies: () => [json(200, { object: "token", jwt: "j" })]
})

const segmentsOf = (url: string) => new URL(url).pathname.split("/")

/**
 * What a run of {@link getCase} or {@link templateCase} showed, and what the
 * rule says it must: a forbidden value is `InvalidInput` on its field with
 * no request; a safe one is one request whose path has the value,
 * percent-encoded, as its last segment (no query, no fragment), and `get`
 * answers the session with that id.
 */
export const pathView = (
  what: "sessionId" | "templateName",
  value: string,
  observed: { readonly outcome: Outcome; readonly urls: ReadonlyArray<string> }
): { readonly actual: unknown; readonly expected: unknown } => {
  const { outcome, urls } = observed
  if (isForbidden(value)) {
    return {
      actual: {
        tag: outcome._tag,
        reason: outcome._tag === "SDKError" ? outcome.reason : undefined,
        field: outcome._tag === "SDKError" ? outcome.field : undefined,
        requests: urls.length
      },
      expected: { tag: "SDKError", reason: "InvalidInput", field: what, requests: 0 }
    }
  }
  const url = urls[0] === undefined ? undefined : new URL(urls[0])
  const segments = urls[0] === undefined ? [] : segmentsOf(urls[0])
  const path =
    what === "sessionId"
      ? `/v1/sessions/${encodeURIComponent(value)}`
      : `/v1/sessions/sess_1/tokens/${encodeURIComponent(value)}`
  return {
    actual: {
      tag: outcome._tag,
      requests: urls.length,
      path: url?.pathname,
      search: url?.search,
      hash: url?.hash,
      segments: segments.length,
      lastSegment: segments.length === 0 ? undefined : decodeURIComponent(segments[segments.length - 1]!),
      ...(what === "sessionId"
        ? { id: outcome._tag === "Success" ? (outcome.value as { readonly id?: unknown }).id : undefined }
        : {})
    },
    expected: {
      tag: "Success",
      requests: 1,
      path,
      search: "",
      hash: "",
      segments: what === "sessionId" ? 4 : 6,
      lastSegment: value,
      ...(what === "sessionId" ? { id: value } : {})
    }
  }
}
