import { assert, describe, it } from "@effect/vitest"
import * as Chunk from "effect/Chunk"
import * as Effect from "effect/Effect"
import * as Stream from "effect/Stream"
import { ClerkErrors } from "../src/Errors.js"
import { DEFAULT_STREAM_PAGE_SIZE, Sessions } from "../src/Sessions.js"
import { clerkErrorBody, session, sessionWire } from "./utils/fixtures.js"
import { json, type RecordedRequest, RecordingHttp, withRecorder } from "./utils/RecordingHttpClient.js"

const ids = (prefix: string, count: number) => Array.from({ length: count }, (_, i) => `${prefix}_${i}`)

const page = (pageIds: ReadonlyArray<string>, totalCount: number) =>
  json(200, { data: pageIds.map((id) => sessionWire(id)), total_count: totalCount })

const offsets = (requests: ReadonlyArray<RecordedRequest>) =>
  requests.map((request) => request.url.searchParams.get("offset"))

describe("stream walks every page", () => {
  it.effect("several pages, in order, with the filters on every request", () =>
    withRecorder(
      Effect.gen(function* () {
        const recorder = yield* RecordingHttp
        const all = ids("sess", 5)
        recorder.replies.push(page(all.slice(0, 2), 5), page(all.slice(2, 4), 5), page(all.slice(4), 5))
        const sessions = yield* Stream.runCollect(Sessions.stream({ userId: "user_1", status: "active", limit: 2 }))
        assert.deepStrictEqual(Chunk.toReadonlyArray(sessions), all.map(session))
        assert.deepStrictEqual(offsets(recorder.requests), ["0", "2", "4"])
        for (const request of recorder.requests) {
          assert.strictEqual(request.url.pathname, "/v1/sessions")
          assert.deepStrictEqual(Object.fromEntries(request.url.searchParams), {
            user_id: "user_1",
            status: "active",
            limit: "2",
            offset: request.url.searchParams.get("offset")!,
            paginated: "true"
          })
        }
      })
    )
  )

  it.effect("stops when total_count is reached on a full page (no extra request)", () =>
    withRecorder(
      Effect.gen(function* () {
        const recorder = yield* RecordingHttp
        const all = ids("sess", 4)
        recorder.replies.push(page(all.slice(0, 2), 4), page(all.slice(2), 4))
        const sessions = yield* Stream.runCollect(Sessions.stream({ clientId: "client_1", limit: 2 }))
        assert.strictEqual(Chunk.size(sessions), 4)
        assert.deepStrictEqual(offsets(recorder.requests), ["0", "2"])
      })
    )
  )

  it.effect("an empty first page is one request and an empty stream", () =>
    withRecorder(
      Effect.gen(function* () {
        const recorder = yield* RecordingHttp
        recorder.replies.push(page([], 0))
        const sessions = yield* Stream.runCollect(Sessions.stream({ userId: "user_1" }))
        assert.strictEqual(Chunk.size(sessions), 0)
        assert.strictEqual(recorder.requests.length, 1)
      })
    )
  )

  it.effect("a short page ends the walk even if total_count claims more (list shrank meanwhile)", () =>
    withRecorder(
      Effect.gen(function* () {
        const recorder = yield* RecordingHttp
        recorder.replies.push(page(ids("a", 2), 10), page(ids("b", 1), 10))
        const sessions = yield* Stream.runCollect(Sessions.stream({ userId: "user_1", limit: 2 }))
        assert.strictEqual(Chunk.size(sessions), 3)
        assert.strictEqual(recorder.requests.length, 2)
      })
    )
  )

  it.effect("an empty page ends the walk even if total_count claims more", () =>
    withRecorder(
      Effect.gen(function* () {
        const recorder = yield* RecordingHttp
        recorder.replies.push(page(ids("a", 2), 10), page([], 10))
        const sessions = yield* Stream.runCollect(Sessions.stream({ userId: "user_1", limit: 2 }))
        assert.strictEqual(Chunk.size(sessions), 2)
        assert.strictEqual(recorder.requests.length, 2)
      })
    )
  )

  it.effect("bare-array answers (no total): keeps walking while pages are full", () =>
    withRecorder(
      Effect.gen(function* () {
        const recorder = yield* RecordingHttp
        const bare = (pageIds: ReadonlyArray<string>) =>
          json(
            200,
            pageIds.map((id) => sessionWire(id))
          )
        recorder.replies.push(bare(ids("a", 2)), bare(ids("b", 2)), bare(ids("c", 1)))
        const sessions = yield* Stream.runCollect(Sessions.stream({ userId: "user_1", limit: 2 }))
        assert.strictEqual(Chunk.size(sessions), 5)
        assert.deepStrictEqual(offsets(recorder.requests), ["0", "2", "4"])
      })
    )
  )

  it.effect("default page size is the maximum, 500", () =>
    withRecorder(
      Effect.gen(function* () {
        const recorder = yield* RecordingHttp
        recorder.replies.push(page(["s"], 1))
        yield* Stream.runDrain(Sessions.stream({ userId: "user_1" }))
        assert.strictEqual(DEFAULT_STREAM_PAGE_SIZE, 500)
        assert.strictEqual(recorder.requests[0]!.url.searchParams.get("limit"), "500")
      })
    )
  )

  it.effect("taking a few elements does not fetch further pages", () =>
    withRecorder(
      Effect.gen(function* () {
        const recorder = yield* RecordingHttp
        recorder.replies.push(page(ids("a", 2), 100), page(ids("b", 2), 100))
        const first = yield* Stream.runCollect(Stream.take(Sessions.stream({ userId: "user_1", limit: 2 }), 2))
        assert.strictEqual(Chunk.size(first), 2)
        assert.strictEqual(recorder.requests.length, 1)
      })
    )
  )

  it.effect("an error on a later page fails the stream after the earlier elements", () =>
    withRecorder(
      Effect.gen(function* () {
        const recorder = yield* RecordingHttp
        recorder.replies.push(page(ids("a", 2), 4), json(401, clerkErrorBody(401)))
        const seen: Array<string> = []
        const error = yield* Effect.flip(
          Stream.runForEach(Sessions.stream({ userId: "user_1", limit: 2 }), (s) => Effect.sync(() => seen.push(s.id)))
        )
        assert.instanceOf(error, ClerkErrors)
        assert.deepStrictEqual(seen, ["a_0", "a_1"])
      })
    )
  )

  it.effect("the service form streams too", () =>
    withRecorder(
      Effect.gen(function* () {
        const recorder = yield* RecordingHttp
        recorder.replies.push(page(ids("a", 1), 1))
        const sessions = yield* Effect.flatMap(Sessions, (s) => Stream.runCollect(s.stream({ clientId: "client_1" })))
        assert.strictEqual(Chunk.size(sessions), 1)
      })
    )
  )
})

describe("streamPages: the same walk, one page at a time, with the total", () => {
  it.effect("each page carries totalCount; the pages flatten to what stream gives", () =>
    withRecorder(
      Effect.gen(function* () {
        const recorder = yield* RecordingHttp
        const all = ids("sess", 5)
        recorder.replies.push(page(all.slice(0, 2), 5), page(all.slice(2, 4), 5), page(all.slice(4), 5))
        const pages = Chunk.toReadonlyArray(yield* Stream.runCollect(Sessions.streamPages({ userId: "u", limit: 2 })))
        assert.deepStrictEqual(
          pages.map((p) => [p.totalCount, p.data.map((s) => s.id)]),
          [
            [5, ["sess_0", "sess_1"]],
            [5, ["sess_2", "sess_3"]],
            [5, ["sess_4"]]
          ]
        )
        assert.deepStrictEqual(offsets(recorder.requests), ["0", "2", "4"])
      })
    )
  )

  it.effect("an empty result is one empty page with a total of 0 (a report still gets its total)", () =>
    withRecorder(
      Effect.gen(function* () {
        const recorder = yield* RecordingHttp
        recorder.replies.push(page([], 0))
        const pages = Chunk.toReadonlyArray(yield* Stream.runCollect(Sessions.streamPages({ userId: "u" })))
        assert.deepStrictEqual(pages, [{ data: [], totalCount: 0 }])
      })
    )
  )

  it.effect("bare-array pages (no total from Clerk): totalCount is what is known so far, offset + page length", () =>
    withRecorder(
      Effect.gen(function* () {
        const recorder = yield* RecordingHttp
        recorder.replies.push(
          json(
            200,
            ["a", "b"].map((id) => sessionWire(id))
          ),
          json(
            200,
            ["c"].map((id) => sessionWire(id))
          )
        )
        const pages = Chunk.toReadonlyArray(yield* Stream.runCollect(Sessions.streamPages({ userId: "u", limit: 2 })))
        assert.deepStrictEqual(
          pages.map((p) => p.totalCount),
          [2, 3]
        )
      })
    )
  )
})
