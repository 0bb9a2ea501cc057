import * as HttpClient from "@effect/platform/HttpClient"
import * as HttpClientRequest from "@effect/platform/HttpClientRequest"
import { describe, expect, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as FetchTransport from "../src/FetchTransport.js"

// The SDK's requests, timeouts, interruption and failures over both of our
// transports are in TransportsOnLoopback.test.ts; this is the plain-HttpClient face.
describe("FetchTransport", () => {
  it.effect("an unreachable host is a Transport RequestError", () =>
    Effect.gen(function* () {
      const client = yield* HttpClient.HttpClient
      const error = yield* Effect.flip(client.execute(HttpClientRequest.get("http://127.0.0.1:1/x")))
      expect(error._tag).toBe("RequestError")
      expect(error.reason).toBe("Transport")
    }).pipe(Effect.provide(FetchTransport.layer))
  )
})
