import { describe, expect, it } from "@effect/vitest"
import { Effect, Stream } from "effect"
import { Sessions } from "../src/Sessions.js"
import { EXCHANGES, makeFake, SECRET, sessionsLayer, wireSession } from "./utils/fakeClerk.js"

const token = { object: "token", jwt: "eyJ.x.y" }

describe.each(EXCHANGES)("the exact requests (%s exchange)", (kind) => {
  const run = <A, E>(reply: unknown, program: Effect.Effect<A, E, Sessions>) => {
    const fake = makeFake(kind, { status: 200, body: reply })
    return Effect.map(Effect.provide(program, sessionsLayer(fake)), (value) => ({ value, requests: fake.requests }))
  }

  it.effect("get: GET {apiUrl}/v1/sessions/{id} with Clerk's headers, no body", () =>
    Effect.gen(function* () {
      const { requests, value } = yield* run(wireSession("sess_1"), Sessions.get("sess_1"))
      expect(value.id).toBe("sess_1")
      expect(value.userId).toBe("user_1")
      expect(value.lastActiveAt).toBe(1764300000000)
      expect(requests).toHaveLength(1)
      const [request] = requests
      expect(request!.method).toBe("GET")
      expect(request!.url).toBe("https://clerk.test/v1/sessions/sess_1")
      expect(request!.headers.authorization).toBe(`Bearer ${SECRET}`)
      expect(request!.headers["clerk-api-version"]).toBe("2026-05-12")
      expect(request!.headers["user-agent"]).toMatch(/^@clerk-effect\/backend-effect4\//)
      expect(request!.headers["content-type"]).toBeUndefined()
      expect(request!.body).toBeUndefined()
    })
  )

  it.effect("list: the filters as snake_case query, paginated=true", () =>
    Effect.gen(function* () {
      const { requests, value } = yield* run(
        { data: [wireSession("sess_1")], total_count: 7 },
        Sessions.list({ userId: "user_1", clientId: "client_1", status: "active", limit: 20, offset: 40 })
      )
      expect(value.totalCount).toBe(7)
      expect(value.data.map((session) => session.id)).toEqual(["sess_1"])
      const url = new URL(requests[0]!.url)
      expect(url.pathname).toBe("/v1/sessions")
      expect(Object.fromEntries(url.searchParams)).toEqual({
        client_id: "client_1",
        user_id: "user_1",
        status: "active",
        limit: "20",
        offset: "40",
        paginated: "true"
      })
    })
  )

  it.effect("list: a bare array (the spec's shape) has its length as total", () =>
    Effect.gen(function* () {
      const { value } = yield* run([wireSession("a"), wireSession("b")], Sessions.list({ userId: "user_1" }))
      expect(value.totalCount).toBe(2)
    })
  )

  it.effect("create: POST /sessions with a snake_case JSON body", () =>
    Effect.gen(function* () {
      const { requests } = yield* run(
        wireSession(),
        Sessions.create({ userId: "user_1", activeOrganizationId: "org_1" })
      )
      expect(requests[0]!.method).toBe("POST")
      expect(requests[0]!.url).toBe("https://clerk.test/v1/sessions")
      expect(requests[0]!.headers["content-type"]).toBe("application/json")
      expect(JSON.parse(requests[0]!.body!)).toEqual({ user_id: "user_1", active_organization_id: "org_1" })
    })
  )

  it.effect("revoke: POST /sessions/{id}/revoke without a body", () =>
    Effect.gen(function* () {
      const { requests, value } = yield* run(wireSession("sess_1", { status: "revoked" }), Sessions.revoke("sess_1"))
      expect(value.status).toBe("revoked")
      expect(requests[0]!.method).toBe("POST")
      expect(requests[0]!.url).toBe("https://clerk.test/v1/sessions/sess_1/revoke")
      expect(requests[0]!.body).toBeUndefined()
    })
  )

  it.effect("createToken: no option, no body; with a lifetime, expires_in_seconds", () =>
    Effect.gen(function* () {
      const bare = yield* run(token, Sessions.createToken("sess_1"))
      expect(bare.value.jwt).toBe("eyJ.x.y")
      expect(bare.requests[0]!.url).toBe("https://clerk.test/v1/sessions/sess_1/tokens")
      expect(bare.requests[0]!.body).toBeUndefined()
      const timed = yield* run(token, Sessions.createToken("sess_1", { expiresInSeconds: 60 }))
      expect(JSON.parse(timed.requests[0]!.body!)).toEqual({ expires_in_seconds: 60 })
    })
  )

  it.effect("createTokenFromTemplate: the template is a percent-encoded path segment", () =>
    Effect.gen(function* () {
      const { requests, value } = yield* run(
        { jwt: "eyJ.t.t" },
        Sessions.createTokenFromTemplate("sess_1", "my hasura".replace(" ", "_"))
      )
      expect(value.object).toBe("token")
      expect(requests[0]!.url).toBe("https://clerk.test/v1/sessions/sess_1/tokens/my_hasura")
    })
  )

  it.effect("refresh: token by default, cookies with format cookie", () =>
    Effect.gen(function* () {
      const params = { expiredToken: "old", refreshToken: "ref", requestOrigin: "https://app.test" }
      const asToken = yield* run(token, Sessions.refresh("sess_1", params))
      expect(asToken.value.jwt).toBe("eyJ.x.y")
      expect(JSON.parse(asToken.requests[0]!.body!)).toEqual({
        expired_token: "old",
        refresh_token: "ref",
        request_origin: "https://app.test"
      })
      const asCookies = yield* run(
        { object: "cookies", cookies: ["__session=x"] },
        Sessions.refresh("sess_1", { ...params, format: "cookie", requestHeaders: { "x-a": ["1", "2"] } })
      )
      expect(asCookies.value.cookies).toEqual(["__session=x"])
      expect(JSON.parse(asCookies.requests[0]!.body!)).toMatchObject({
        format: "cookie",
        request_headers: { "x-a": ["1", "2"] }
      })
    })
  )

  it.effect("verify (deprecated): POST /sessions/{id}/verify with the token", () =>
    Effect.gen(function* () {
      const { requests } = yield* run(wireSession(), Sessions.verify("sess_1", { token: "t" }))
      expect(requests[0]!.url).toBe("https://clerk.test/v1/sessions/sess_1/verify")
      expect(JSON.parse(requests[0]!.body!)).toEqual({ token: "t" })
    })
  )

  it.effect("Sessions.use reaches the service, as effect 4 services are reached", () =>
    Effect.gen(function* () {
      const { value } = yield* run(
        wireSession("sess_9"),
        Sessions.use((sessions) => sessions.get("sess_9"))
      )
      expect(value.id).toBe("sess_9")
    })
  )

  it.effect("stream: every page, page size 500 by default, stops on a short page", () =>
    Effect.gen(function* () {
      const page = (ids: ReadonlyArray<string>, total: number) => ({
        status: 200,
        body: { data: ids.map((id) => wireSession(id)), total_count: total }
      })
      const fake = makeFake(kind, page(["a", "b"], 5), page(["c", "d"], 5), page(["e"], 5))
      const ids = yield* Sessions.stream({ userId: "user_1", limit: 2 }).pipe(
        Stream.map((session) => session.id),
        Stream.runCollect,
        Effect.provide(sessionsLayer(fake))
      )
      expect(Array.from(ids)).toEqual(["a", "b", "c", "d", "e"])
      expect(fake.requests.map((request) => new URL(request.url).searchParams.get("offset"))).toEqual(["0", "2", "4"])
      const defaults = makeFake(kind, page([], 0))
      yield* Stream.runDrain(Sessions.stream({ userId: "user_1" })).pipe(Effect.provide(sessionsLayer(defaults)))
      expect(new URL(defaults.requests[0]!.url).searchParams.get("limit")).toBe("500")
    })
  )

  it.effect("stream: ends when total_count is reached, even on a full page", () =>
    Effect.gen(function* () {
      const fake = makeFake(kind, { status: 200, body: { data: [wireSession("a"), wireSession("b")], total_count: 2 } })
      const pages = yield* Sessions.streamPages({ userId: "user_1", limit: 2 }).pipe(
        Stream.runCollect,
        Effect.provide(sessionsLayer(fake))
      )
      expect(Array.from(pages).map((page) => page.totalCount)).toEqual([2])
      expect(fake.requests).toHaveLength(1)
    })
  )
})
