/**
 * The behaviour suite both faces of the fake must pass. Written once; each
 * face's test file calls `behaviourSuite` with its own layer factory, and every
 * test starts from a fresh fake built from the same seed.
 *
 * Most checks go through the SDK (`Sessions`); what the SDK refuses to send
 * (no owner filter, out-of-range limits, bad bodies, a wrong key) goes through
 * the same raw `HttpClient` the layer provides.
 */
import { describe } from "@effect/vitest"
import type { FakeClerkOptions } from "../src/index.js"
import { faultsBehaviour } from "./behaviour/faults.js"
import { sessionsBehaviour } from "./behaviour/sessions.js"
import { type FaceLayer, faceTest } from "./behaviour/support.js"

export { seed } from "./behaviour/support.js"

/** Runs the whole behaviour suite against one face. */
export const behaviourSuite = (face: string, makeLayer: (options: FakeClerkOptions) => FaceLayer) => {
  const test = faceTest(makeLayer)
  describe(`fake Clerk behaviour (${face})`, () => {
    sessionsBehaviour(test)
    faultsBehaviour(test)
  })
}
