/**
 * The in-process fake inside the runtime itself: `@clerk-effect/testing-effect4`'s
 * `FakeClerk` answering the SDK without a socket, running the same checks as
 * the loopback runs: the matrix's "in-process fake" rows for the effect-4
 * edition. It relies on `@clerk-effect/testing-effect4`'s main entry loading
 * outside Node (its loopback face is imported only when a server layer is built).
 */
import { defaultSeed, FAKE_API_URL, FakeClerk, Fault } from "@clerk-effect/testing-effect4"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import { runTransports, sdkFromOptions } from "./program.js"

/** The checks against a fake in this process, as one transport named "in-process fake". */
export const runInProcess = async (): Promise<Record<string, Record<string, unknown>>> => {
  const fake = await Effect.runPromise(FakeClerk.make(defaultSeed(Date.now())))
  await Effect.runPromise(
    fake.injectFault(Fault.latency("10 seconds"), { path: /^\/v1\/sessions\/sess_timeout_/, times: 10 })
  )
  const httpClient = FakeClerk.layerHttpClient.pipe(Layer.provide(Layer.succeed(FakeClerk, fake)))
  return runTransports({ "in-process fake": httpClient }, (name, client) => ({
    sdk: sdkFromOptions(client, { apiUrl: FAKE_API_URL, secretKey: fake.secretKey }),
    pem: async () => (await Effect.runPromise(fake.publicKey)).pem,
    label: `${name.replace(/\W/g, "_")}_${Date.now()}`
  }))
}
