/**
 * Whatever Clerk answers, the outcome is a success, `ClerkErrors` or
 * `SDKError`: random statuses and bodies, and the rule every outcome keeps.
 */
import type * as FastCheck from "fast-check"
import type { Outcome } from "./outcomes.js"
import { clerkErrorBody, sessionWire } from "./wire.js"

/** Random bodies: any JSON, any string, a session, a Clerk error body, JSON cut in half. */
export const body = (fc: Omit<typeof FastCheck, "default">) =>
  fc.oneof(
    fc.json(),
    fc.string(),
    fc.constant(""),
    fc.constant(JSON.stringify(sessionWire("sess_1"))),
    fc.nat({ max: 599 }).map((status) => JSON.stringify(clerkErrorBody(status))),
    fc.json().map((text) => text.slice(0, Math.floor(text.length / 2)))
  )

/** The statuses drawn. */
export const statusRange = { min: 200, max: 599 } as const

/** How many random answers a run tries. */
export const numRuns = 150

/**
 * Where `get("sess_1")`'s outcome on an answer with this status breaks the
 * rule (nothing when it keeps it): a success only on a 2xx, with the
 * session; `ClerkErrors` only on 3xx and up; an `SDKError` is
 * `UnexpectedStatus` or `InvalidResponse` (this one exactly on a 2xx) and
 * carries the status; never a defect or an interruption.
 */
export const violations = (status: number, outcome: Outcome): ReadonlyArray<string> => {
  switch (outcome._tag) {
    case "Success": {
      const id = (outcome.value as { readonly id?: unknown } | null)?.id
      return [
        ...(status >= 200 && status < 300 ? [] : [`success on ${status}`]),
        ...(id === "sess_1" ? [] : [`success with id ${String(id)}`])
      ]
    }
    case "ClerkErrors":
      return status >= 300 ? [] : [`ClerkErrors on ${status}`]
    case "SDKError":
      return [
        ...(outcome.reason === "UnexpectedStatus" || outcome.reason === "InvalidResponse"
          ? []
          : [`SDKError ${outcome.reason}`]),
        ...(outcome.status === status ? [] : [`SDKError status ${outcome.status} on ${status}`]),
        ...((outcome.reason === "InvalidResponse") === status < 300 ? [] : [`${outcome.reason} on ${status}`])
      ]
    case "Defect":
      return [`a defect: ${outcome.detail}`]
    case "Interrupted":
      return ["interrupted"]
  }
}
