/**
 * Reading a whole response body into one string, for NodeTransport's lean
 * path, without leaving a trail of buffers behind.
 *
 * A body of one chunk (a session, a token) is decoded as it is, no copy.
 * A body of several chunks (a list page: 300 KB for 500 sessions) used to be
 * kept as its chunks until the end and then concatenated; a page takes
 * several event-loop turns to arrive, so the young-generation collections
 * in between moved those chunks to the old generation, where their memory
 * (outside V8's heap) waited for the next full collection. Walking 100,000
 * sessions piled up 23 MB of it (the stream benchmark, docs/performance.md).
 * Now each chunk is copied on arrival into one growing buffer and dropped at
 * once, so it dies young; and the buffer, once the text is out, is kept for
 * the next multi-chunk body, so a stream of pages reuses one allocation
 * instead of making one per page.
 *
 * @internal
 */

/** The first reusable buffer's size: a few socket reads. */
const INITIAL_BYTES = 64 * 1024

/**
 * A buffer larger than this is not kept for reuse (a body this large is rare,
 * and holding its memory for the transport's lifetime would cost more than
 * allocating it again).
 */
const MAX_KEPT_BYTES = 4 * 1024 * 1024

/**
 * One transport's reusable buffer. At most one body at a time uses it; a body
 * that finds it taken (calls in flight at once) allocates its own, as before.
 * @internal
 */
export interface BodyBuffers {
  spare: Buffer | undefined
}

/** @internal */
export const makeBodyBuffers = (): BodyBuffers => ({ spare: undefined })

/**
 * Collects one body: `push` each chunk as it arrives, `text` once at the end
 * (then the collector is spent). If the body fails halfway, the collector is
 * simply dropped; its buffer, if it had one, is left to the garbage collector.
 * @internal
 */
export interface BodyCollector {
  readonly push: (chunk: Buffer) => void
  readonly text: () => string
}

/** @internal */
export const collectBody = (buffers: BodyBuffers): BodyCollector => {
  let first: Buffer | undefined
  let buffer: Buffer | undefined
  let length = 0
  const reserve = (needed: number) => {
    if (buffer === undefined) {
      const spare = buffers.spare
      buffers.spare = undefined
      buffer =
        spare !== undefined && spare.length >= needed ? spare : Buffer.allocUnsafeSlow(Math.max(INITIAL_BYTES, needed))
      return
    }
    if (needed <= buffer.length) return
    const grown = Buffer.allocUnsafeSlow(Math.max(buffer.length * 2, needed))
    buffer.copy(grown, 0, 0, length)
    buffer = grown
  }
  return {
    push: (chunk) => {
      if (buffer === undefined && first === undefined) {
        first = chunk
        return
      }
      reserve(length + (first?.length ?? 0) + chunk.length)
      if (first !== undefined) {
        length += first.copy(buffer!, length)
        first = undefined
      }
      length += chunk.copy(buffer!, length)
    },
    text: () => {
      if (buffer === undefined) return first === undefined ? "" : first.toString("utf8")
      // `toString` copies into a JavaScript string: the buffer is free again
      // as soon as it returns, and only the bytes written for this body are read.
      const text = buffer.toString("utf8", 0, length)
      if (buffer.length <= MAX_KEPT_BYTES && (buffers.spare === undefined || buffers.spare.length < buffer.length)) {
        buffers.spare = buffer
      }
      buffer = undefined
      return text
    }
  }
}
