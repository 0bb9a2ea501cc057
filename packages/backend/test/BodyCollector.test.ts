import { collectBody, makeBodyBuffers } from "@clerk-effect/core/bodyCollector"
import { describe, expect, it } from "@effect/vitest"
import fc from "fast-check"

// Splits `bytes` at the given cut points (sorted, deduplicated, in range).
const chunked = (bytes: Buffer, cuts: ReadonlyArray<number>): Array<Buffer> => {
  const points = [...new Set(cuts.map((c) => c % (bytes.length + 1)))].sort((a, b) => a - b)
  const chunks: Array<Buffer> = []
  let from = 0
  for (const to of [...points, bytes.length]) {
    if (to > from) chunks.push(bytes.subarray(from, to))
    from = to
  }
  return chunks
}

const read = (buffers: ReturnType<typeof makeBodyBuffers>, chunks: ReadonlyArray<Buffer>): string => {
  const collector = collectBody(buffers)
  for (const chunk of chunks) collector.push(chunk)
  return collector.text()
}

describe("collectBody", () => {
  it("gives the text of any body, however it is chunked (multi-byte characters split across chunks included)", () => {
    const buffers = makeBodyBuffers()
    fc.assert(
      fc.property(
        fc.string({ unit: "grapheme", maxLength: 400 }),
        fc.array(fc.nat(), { maxLength: 12 }),
        (text, cuts) => {
          const bytes = Buffer.from(text, "utf8")
          // The same buffers serve every run: a reused buffer must never show an earlier body.
          expect(read(buffers, chunked(bytes, cuts))).toBe(text)
        }
      ),
      { numRuns: 500 }
    )
  })

  it("an empty body is the empty string", () => {
    expect(read(makeBodyBuffers(), [])).toBe("")
  })

  it("keeps one buffer for the next multi-chunk body, and never the chunks themselves", () => {
    const buffers = makeBodyBuffers()
    const one = Buffer.from("a".repeat(1000))
    expect(read(buffers, [one])).toBe("a".repeat(1000))
    // A single chunk is decoded as it is: nothing is copied, nothing kept.
    expect(buffers.spare).toBeUndefined()

    const page = Buffer.from("b".repeat(200_000))
    expect(read(buffers, chunked(page, [65_536, 131_072]))).toBe("b".repeat(200_000))
    const kept = buffers.spare
    expect(kept).toBeDefined()
    expect(kept!.length).toBeGreaterThanOrEqual(200_000)

    // The next page reuses it; a shorter body reads only its own bytes.
    expect(read(buffers, chunked(Buffer.from("c".repeat(70_000)), [10]))).toBe("c".repeat(70_000))
    expect(buffers.spare).toBe(kept)
  })

  it("bodies read at the same time do not share a buffer", () => {
    const buffers = makeBodyBuffers()
    read(buffers, [Buffer.from("w".repeat(100)), Buffer.from("w")])
    expect(buffers.spare).toBeDefined()
    // The first takes the kept buffer; the second, finding none, gets its own.
    const a = collectBody(buffers)
    const b = collectBody(buffers)
    a.push(Buffer.from("x".repeat(100)))
    b.push(Buffer.from("y".repeat(100)))
    a.push(Buffer.from("x".repeat(100)))
    b.push(Buffer.from("y".repeat(100)))
    expect(a.text()).toBe("x".repeat(200))
    expect(b.text()).toBe("y".repeat(200))
  })

  it("does not keep a buffer over 4 MB for reuse", () => {
    const buffers = makeBodyBuffers()
    const huge = Buffer.alloc(5 * 1024 * 1024, "z")
    expect(read(buffers, chunked(huge, [1024 * 1024])).length).toBe(huge.length)
    expect(buffers.spare).toBeUndefined()
  })
})
