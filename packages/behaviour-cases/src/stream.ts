/**
 * `stream` and `streamPages`: the walk over every page of `list`, its
 * offsets and filters, where it stops, and how it fails.
 */
import { type ExpectedOutcome, type Outcome, pickFields } from "./outcomes.js"
import { json, type Reply } from "./replies.js"
import { clerkErrorBody, session, sessionWire } from "./wire.js"

export const ids = (prefix: string, count: number): Array<string> =>
  Array.from({ length: count }, (_, i) => `${prefix}_${i}`)

/** A paginated answer holding these sessions. */
export const page = (pageIds: ReadonlyArray<string>, totalCount: number): Reply =>
  json(200, { data: pageIds.map((id) => sessionWire(id)), total_count: totalCount })

/** A bare-array answer (the published spec's shape, no total). */
export const bare = (pageIds: ReadonlyArray<string>): Reply =>
  json(
    200,
    pageIds.map((id) => sessionWire(id))
  )

export interface StreamCase {
  readonly name: string
  readonly op: "stream" | "streamPages"
  readonly params: unknown
  readonly replies: () => ReadonlyArray<Reply>
  /** Take only this many elements. */
  readonly take?: number
  readonly expect: {
    /** Everything emitted, in order, exactly. */
    readonly emitted?: ReadonlyArray<unknown>
    /** The ids emitted, in order (stream). */
    readonly emittedIds?: ReadonlyArray<string>
    /** Each page's `[totalCount, ids]` (streamPages). */
    readonly pages?: ReadonlyArray<readonly [number, ReadonlyArray<string>]>
    /** Each page's `totalCount` (streamPages). */
    readonly pageTotals?: ReadonlyArray<number>
    /** The `offset` of each request, in order. */
    readonly offsets?: ReadonlyArray<string | null>
    /** Every request's query, exactly; `offset` is taken from the request itself. */
    readonly queryWithOffset?: Readonly<Record<string, string>>
    /** The `limit` of the first request. */
    readonly firstLimit?: string
    readonly requests?: number
    /** How the stream ends (after what it emitted); success when absent. */
    readonly failure?: ExpectedOutcome
  }
}

const all5 = ids("sess", 5)
const all4 = ids("sess", 4)

export const cases: ReadonlyArray<StreamCase> = [
  {
    name: "several pages, in order, with the filters on every request",
    op: "stream",
    params: { userId: "user_1", status: "active", limit: 2 },
    replies: () => [page(all5.slice(0, 2), 5), page(all5.slice(2, 4), 5), page(all5.slice(4), 5)],
    expect: {
      emitted: all5.map(session),
      offsets: ["0", "2", "4"],
      queryWithOffset: { user_id: "user_1", status: "active", limit: "2", paginated: "true" },
      requests: 3
    }
  },
  {
    name: "stops when total_count is reached on a full page (no extra request)",
    op: "stream",
    params: { clientId: "client_1", limit: 2 },
    replies: () => [page(all4.slice(0, 2), 4), page(all4.slice(2), 4)],
    expect: { emittedIds: all4, offsets: ["0", "2"], requests: 2 }
  },
  {
    name: "an empty first page is one request and an empty stream",
    op: "stream",
    params: { userId: "user_1" },
    replies: () => [page([], 0)],
    expect: { emitted: [], requests: 1 }
  },
  {
    name: "a short page ends the walk even if total_count claims more (list shrank meanwhile)",
    op: "stream",
    params: { userId: "user_1", limit: 2 },
    replies: () => [page(ids("a", 2), 10), page(ids("b", 1), 10)],
    expect: { emittedIds: [...ids("a", 2), ...ids("b", 1)], requests: 2 }
  },
  {
    name: "an empty page ends the walk even if total_count claims more",
    op: "stream",
    params: { userId: "user_1", limit: 2 },
    replies: () => [page(ids("a", 2), 10), page([], 10)],
    expect: { emittedIds: ids("a", 2), requests: 2 }
  },
  {
    name: "bare-array answers (no total): keeps walking while pages are full",
    op: "stream",
    params: { userId: "user_1", limit: 2 },
    replies: () => [bare(ids("a", 2)), bare(ids("b", 2)), bare(ids("c", 1))],
    expect: { emittedIds: [...ids("a", 2), ...ids("b", 2), ...ids("c", 1)], offsets: ["0", "2", "4"], requests: 3 }
  },
  {
    name: "default page size is the maximum, 500",
    op: "stream",
    params: { userId: "user_1" },
    replies: () => [page(["s"], 1)],
    expect: { emittedIds: ["s"], firstLimit: "500", requests: 1 }
  },
  {
    name: "taking a few elements does not fetch further pages",
    op: "stream",
    params: { userId: "user_1", limit: 2 },
    take: 2,
    replies: () => [page(ids("a", 2), 100), page(ids("b", 2), 100)],
    expect: { emittedIds: ids("a", 2), requests: 1 }
  },
  {
    name: "an error on a later page fails the stream after the earlier elements",
    op: "stream",
    params: { userId: "user_1", limit: 2 },
    replies: () => [page(ids("a", 2), 4), json(401, clerkErrorBody(401))],
    expect: { emittedIds: ["a_0", "a_1"], requests: 2, failure: { _tag: "ClerkErrors", status: 401 } }
  },
  {
    name: "streamPages: each page carries totalCount; the pages flatten to what stream gives",
    op: "streamPages",
    params: { userId: "u", limit: 2 },
    replies: () => [page(all5.slice(0, 2), 5), page(all5.slice(2, 4), 5), page(all5.slice(4), 5)],
    expect: {
      pages: [
        [5, ["sess_0", "sess_1"]],
        [5, ["sess_2", "sess_3"]],
        [5, ["sess_4"]]
      ],
      offsets: ["0", "2", "4"]
    }
  },
  {
    name: "streamPages: an empty result is one empty page with a total of 0 (a report still gets its total)",
    op: "streamPages",
    params: { userId: "u" },
    replies: () => [page([], 0)],
    expect: { emitted: [{ data: [], totalCount: 0 }] }
  },
  {
    name: "streamPages: bare-array pages (no total from Clerk): totalCount is what is known so far, offset + page length",
    op: "streamPages",
    params: { userId: "u", limit: 2 },
    replies: () => [bare(["a", "b"]), bare(["c"])],
    expect: { pageTotals: [2, 3] }
  }
]

/** The default page size of `stream` (Clerk's maximum `limit`). */
export const DEFAULT_STREAM_PAGE_SIZE = 500

/** What a stream run showed: what it emitted, how it ended (`Success`: with no value), the requests' URLs. */
export interface StreamObserved {
  readonly emitted: ReadonlyArray<unknown>
  readonly outcome: Outcome
  readonly urls: ReadonlyArray<string>
}

const idsOf = (values: ReadonlyArray<unknown>) => values.map((value) => (value as { readonly id: string }).id)

/** The observed and the expected side of a stream case, as two plain values equal exactly when it holds. */
export const streamView = (
  observed: StreamObserved,
  c: StreamCase
): { readonly actual: unknown; readonly expected: unknown } => {
  const e = c.expect
  const queries = observed.urls.map((url) => new URL(url))
  const actual: Record<string, unknown> = {}
  const expected: Record<string, unknown> = {}
  // The observed side is computed only when the case looks at it (a page has no id, a session no total).
  const check = (key: string, value: () => unknown, wanted: unknown) => {
    if (wanted === undefined) return
    actual[key] = value()
    expected[key] = wanted
  }
  check("emitted", () => observed.emitted, e.emitted)
  check("emittedIds", () => idsOf(observed.emitted), e.emittedIds)
  check(
    "pages",
    () =>
      observed.emitted.map((p) => {
        const list = p as { readonly totalCount: number; readonly data: ReadonlyArray<unknown> }
        return [list.totalCount, idsOf(list.data)]
      }),
    e.pages
  )
  check(
    "pageTotals",
    () => observed.emitted.map((p) => (p as { readonly totalCount: number }).totalCount),
    e.pageTotals
  )
  check("offsets", () => queries.map((url) => url.searchParams.get("offset")), e.offsets)
  check(
    "queries",
    () => queries.map((url) => ({ path: url.pathname, query: Object.fromEntries(url.searchParams) })),
    e.queryWithOffset === undefined
      ? undefined
      : queries.map((url) => ({
          path: "/v1/sessions",
          query: { ...e.queryWithOffset, offset: url.searchParams.get("offset") ?? "(none)" }
        }))
  )
  check("firstLimit", () => queries[0]?.searchParams.get("limit"), e.firstLimit)
  check("requests", () => observed.urls.length, e.requests)
  const end: ExpectedOutcome = e.failure ?? { _tag: "Success" }
  actual.end = pickFields(observed.outcome, end)
  expected.end = end
  return { actual, expected }
}
