import { describe, expect, it } from "@effect/vitest"
import { Effect } from "effect"
import { TestClock } from "effect/testing"

describe("the effect-4 toolchain", () => {
  it.effect("runs effects under TestClock", () =>
    Effect.gen(function* () {
      yield* TestClock.adjust("1 second")
      expect(process.versions.node.split(".")[0]).toBe("22")
    })
  )
})
