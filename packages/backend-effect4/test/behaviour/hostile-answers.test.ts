/**
 * Answers built to hurt, from the shared cases
 * (`@clerk-effect/behaviour-cases/hostile-answers`), on both exchanges and
 * over loopback on both own transports: every one ends as a typed failure
 * (never a defect), and what the error carries stays within the documented
 * bounds (docs/errors.md).
 */
import * as http from "node:http"
import type { AddressInfo } from "node:net"
import { inspect } from "node:util"
import { operation, operations } from "@clerk-effect/behaviour-cases/calls"
import {
  boundedMessages,
  boundsViolations,
  hostileBody,
  hugeErrorBodies,
  loopbackBodies,
  loopbackIds,
  looseBodies,
  NULL_BODY_STATUSES,
  nestedBodies
} from "@clerk-effect/behaviour-cases/hostile-answers"
import { viewOf } from "@clerk-effect/behaviour-cases/outcomes"
import { json, text } from "@clerk-effect/behaviour-cases/replies"
import { MAX_MESSAGE_CHARS } from "@clerk-effect/core/answers"
import { MAX_ERROR_BODY_CHARS } from "@clerk-effect/core/clerkErrorBody"
import { assert, describe, expect, it } from "@effect/vitest"
import { Cause, Effect, Exit, Layer, Option, Redacted } from "effect"
import fc from "fast-check"
import { ClerkConfig } from "../../src/ClerkConfig.js"
import { ClerkErrors, SDKError } from "../../src/Errors.js"
import * as FetchTransport from "../../src/FetchTransport.js"
import * as NodeTransport from "../../src/NodeTransport.js"
import { Sessions } from "../../src/Sessions.js"
import { EXCHANGES, type ExchangeKind, exchange } from "./adapter.js"

const limits = { maxMessageChars: MAX_MESSAGE_CHARS, maxErrorBodyChars: MAX_ERROR_BODY_CHARS }

/** Everything an error shows when printed or logged: none of it may throw, all of it is bounded. */
const printed = (error: unknown, cause: Cause.Cause<unknown>) => [
  String(error),
  inspect(error, { depth: 10 }),
  JSON.stringify(error),
  Cause.pretty(cause)
]

const expectBounded = (error: unknown, cause: Cause.Cause<unknown>) => {
  assert(error instanceof SDKError || error instanceof ClerkErrors)
  assert.deepStrictEqual(boundsViolations(error, printed(error, cause), limits), [])
}

/** The typed failure of an exit, with its cause; fails the test on anything else. */
const failureOf = (exit: Exit.Exit<unknown, unknown>) => {
  assert(Exit.isFailure(exit), "expected a failure")
  assert.isFalse(Cause.hasDies(exit.cause), Cause.pretty(exit.cause))
  const failure = Cause.findErrorOption(exit.cause)
  assert(Option.isSome(failure), Cause.pretty(exit.cause))
  return { error: failure.value, cause: exit.cause }
}

/** A loopback server answering each of the shared hostile ids with its body; closed with the scope. */
const hostileServer = Effect.acquireRelease(
  Effect.callback<{ readonly url: string; readonly server: http.Server }>((resume) => {
    const server = http.createServer((req, res) => {
      const id = loopbackIds.find((candidate) => (req.url ?? "").endsWith(`/${candidate}`))
      res.writeHead(200, { "content-type": "application/json" })
      res.end(id === undefined ? "{}" : loopbackBodies[id])
    })
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as AddressInfo
      resume(Effect.succeed({ url: `http://127.0.0.1:${port}`, server }))
    })
  }),
  ({ server }) =>
    Effect.sync(() => {
      server.closeAllConnections()
      server.close()
    })
)

describe.each(EXCHANGES)("hostile answers (%s exchange)", (kind: ExchangeKind) => {
  describe("a 2xx nested without end is InvalidResponse, on every operation", () => {
    for (const op of operations) {
      it.effect(`${op.name}: arrays 3,000 and 100,000 deep, objects 10,000 deep`, () =>
        Effect.gen(function* () {
          for (const body of nestedBodies) {
            const { exit } = yield* exchange(kind, { call: op.call, replies: () => [text(200, body)] })
            const { cause, error } = failureOf(exit)
            expect(error).toMatchObject({ _tag: "SDKError", reason: "InvalidResponse", status: 200 })
            expectBounded(error, cause)
          }
        })
      )
    }
  })

  describe("InvalidResponse messages are bounded and say where", () => {
    for (const c of boundedMessages) {
      it.effect(c.name, () =>
        Effect.gen(function* () {
          const observed = yield* exchange(kind, c)
          const { actual, expected } = viewOf(observed, c.expect)
          assert.deepStrictEqual(actual, expected)
          if (c.editionMessages !== undefined) {
            assert.strictEqual(
              (observed.outcome as { readonly message?: string }).message,
              c.editionMessages["effect-4"]
            )
          }
          const { cause, error } = failureOf(observed.exit)
          expectBounded(error, cause)
        })
      )
    }
  })

  describe("Clerk error bodies: liberal where Clerk is loose", () => {
    for (const c of looseBodies) {
      it.effect(c.name, () =>
        Effect.gen(function* () {
          const { actual, expected } = viewOf(yield* exchange(kind, c), c.expect)
          assert.deepStrictEqual(actual, expected)
        })
      )
    }
  })

  describe("Clerk error bodies: bounded where they are hostile", () => {
    it.effect("100,000 entries, a 1 MB message, a 3,000-deep meta: a ClerkErrors of a few kilobytes", () =>
      Effect.gen(function* () {
        for (const body of hugeErrorBodies()) {
          const { exit } = yield* exchange(kind, { call: operation("get"), replies: () => [json(400, body)] })
          const { cause, error } = failureOf(exit)
          assert(error instanceof ClerkErrors)
          expect(error.errors[0]!.code).toBe(body.errors[0]!.code)
          expect(JSON.stringify(error.errors).length).toBeLessThanOrEqual(MAX_ERROR_BODY_CHARS)
          expectBounded(error, cause)
        }
      })
    )
  })

  describe("property: any JSON, any status, never a defect, always bounded", () => {
    it("random bodies (deep and wide JSON, long strings) through get and list", async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.integer({ min: 200, max: 599 }),
          hostileBody(fc),
          fc.boolean(),
          async (status, body, useList) => {
            const { exit } = await Effect.runPromise(
              exchange(kind, {
                call: operation(useList ? "list" : "get"),
                replies: () => [
                  text(status, NULL_BODY_STATUSES.has(status) ? null : body, { "content-type": "application/json" })
                ]
              })
            )
            if (Exit.isSuccess(exit)) return
            const { cause, error } = failureOf(exit)
            expectBounded(error, cause)
          }
        ),
        { numRuns: 300 }
      )
    })
  })
})

describe("on both own transports, over loopback", () => {
  for (const { layer, name } of [
    { name: "NodeTransport", layer: NodeTransport.layer },
    { name: "FetchTransport", layer: FetchTransport.layer }
  ]) {
    it.live(`${name}: a 100,000-deep body and a 1 MB string body are small InvalidResponse errors`, () =>
      Effect.scoped(
        Effect.gen(function* () {
          const server = yield* hostileServer
          const sessions = Sessions.layer.pipe(
            Layer.provide(layer),
            Layer.provide(ClerkConfig.layer({ secretKey: Redacted.make("sk_test_x"), apiUrl: server.url }))
          )
          for (const id of loopbackIds) {
            const error = yield* Effect.flip(Sessions.get(id).pipe(Effect.provide(sessions)))
            expect(error).toMatchObject({ _tag: "SDKError", reason: "InvalidResponse", status: 200 })
            expectBounded(error, Cause.fail(error))
          }
        })
      )
    )
  }
})
