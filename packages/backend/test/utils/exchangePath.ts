/**
 * Which of the core's two exchanges a test run exercises (see
 * src/internal/exchange.ts). The behaviour suites build their transport
 * through {@link onTestedPath}; the root vitest config runs them twice:
 * once as they are (the platform exchange, through `HttpClient.execute`)
 * and once with `CLERK_EFFECT_TEST_EXCHANGE=direct` (the direct exchange,
 * through a `Send`, the path of NodeTransport and FetchTransport).
 */

import type { Send } from "@clerk-effect/core/wire"
import * as HttpClient from "@effect/platform/HttpClient"
import * as Effect from "effect/Effect"
import * as FiberId from "effect/FiberId"
import * as Layer from "effect/Layer"
import * as Runtime from "effect/Runtime"
import { toPlatformRequest, withDirectSend } from "../../src/internal/exchange.js"

/** The exchange this run tests. */
export const testedExchange: "direct" | "platform" =
  process.env.CLERK_EFFECT_TEST_EXCHANGE === "direct" ? "direct" : "platform"

/**
 * A test double's `HttpClient` as a direct {@link Send}: the double answers
 * in a fiber of the test's runtime (its TestClock included), and the Send
 * reports what a real transport would: a whole answer, `NotAnswered` for a
 * request that failed, `BodyFailed` for a body that broke off. Aborting
 * interrupts that fiber, which aborts the double's request signal.
 */
const sendThrough = (client: HttpClient.HttpClient, runtime: Runtime.Runtime<never>): Send => {
  // A transport adds no trace context of its own: the direct exchange sends the SDK's, when configured.
  const untraced = HttpClient.withTracerPropagation(client, false)
  return (request, done) => {
    const fiber = Runtime.runFork(runtime)(
      Effect.matchEffect(untraced.execute(toPlatformRequest(request)), {
        onFailure: (error) =>
          Effect.sync(() => done({ _tag: "NotAnswered", cause: error._tag === "RequestError" ? error.cause : error })),
        onSuccess: (response) =>
          Effect.match(response.text, {
            onFailure: (error) => done({ _tag: "BodyFailed", status: response.status, cause: error.cause ?? error }),
            onSuccess: (text) =>
              done({ _tag: "Answered", status: response.status, header: (name) => response.headers[name], text })
          })
      })
    )
    return () => {
      fiber.unsafeInterruptAsFork(FiberId.none)
    }
  }
}

/**
 * The `HttpClient` layer of a test double, on the exchange this run tests.
 */
export const onTestedPath = (client: HttpClient.HttpClient): Layer.Layer<HttpClient.HttpClient> =>
  testedExchange === "platform"
    ? Layer.succeed(HttpClient.HttpClient, client)
    : Layer.effect(
        HttpClient.HttpClient,
        Effect.map(Effect.runtime<never>(), (runtime) =>
          // A fresh wrapper, so that the double itself stays a plain HttpClient.
          withDirectSend(
            HttpClient.transform(client, (effect) => effect),
            sendThrough(client, runtime)
          )
        )
      )
