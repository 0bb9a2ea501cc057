/**
 * SessionAuth, the package's auth middleware, over loopback: an Effect HTTP
 * server on Node (the `HttpApi` middleware, `SessionAuth.router` and
 * `SessionAuth.middleware`) verifying tokens minted by the fake Clerk, itself
 * on loopback, with the JWKS fetched from it. (Here rather than in
 * packages/backend/test because backend must not depend on testing.)
 */
import { createServer } from "node:http"
import { CurrentSession, SessionAuth } from "@clerk-effect/backend"
import {
  HttpApi,
  HttpApiBuilder,
  HttpApiEndpoint,
  HttpApiGroup,
  HttpMiddleware,
  HttpRouter,
  HttpServer,
  HttpServerResponse
} from "@effect/platform"
import { NodeHttpServer } from "@effect/platform-node"
import { describe, expect, it } from "@effect/vitest"
import { Cause, Effect, Layer, Logger, Schema, TestClock, Tracer } from "effect"
import type { Span } from "effect/Tracer"
import { FakeClerk, FakeClerkServer, Fault } from "../src/index.js"

const APP_ORIGIN = "https://app.example.com"

// ------------------------------------------------------------------ three ways to protect /me

const Me = Schema.Struct({ userId: Schema.String, sessionId: Schema.String })
const me = Effect.map(CurrentSession, (session) => ({ userId: session.sub, sessionId: session.sid }))

class Api extends HttpApi.make("api").add(
  HttpApiGroup.make("account").add(HttpApiEndpoint.get("me", "/me").addSuccess(Me)).middleware(SessionAuth)
) {}

const apiServer = HttpApiBuilder.serve(HttpMiddleware.logger).pipe(
  Layer.provide(
    HttpApiBuilder.api(Api).pipe(
      Layer.provide(HttpApiBuilder.group(Api, "account", (handlers) => handlers.handle("me", () => me))),
      Layer.provide(SessionAuth.layer)
    )
  )
)

const meRoute = HttpRouter.get(
  "/me",
  Effect.flatMap(me, (body) => HttpServerResponse.json(body))
)

const routerServer = HttpServer.serve(HttpRouter.empty.pipe(meRoute, SessionAuth.router), HttpMiddleware.logger)

const middlewareServer = HttpServer.serve(SessionAuth.middleware(HttpRouter.empty.pipe(meRoute)), HttpMiddleware.logger)

const faces = [
  { face: "HttpApi middleware", server: apiServer },
  { face: "SessionAuth.router", server: routerServer },
  { face: "SessionAuth.middleware", server: middlewareServer }
] as const

// ------------------------------------------------------------------ what the test sees

interface Observed {
  readonly logs: Array<string>
  readonly spans: Array<Span>
}

const observing = (observed: Observed) =>
  Layer.merge(
    Logger.replace(
      Logger.defaultLogger,
      Logger.make(({ annotations, cause, message }) => {
        observed.logs.push(`${JSON.stringify(message)} ${JSON.stringify([...annotations])} ${Cause.pretty(cause)}`)
      })
    ),
    Layer.unwrapEffect(
      Effect.map(Effect.tracer, (base) =>
        Layer.setTracer(
          Tracer.make({
            span: (...args) => {
              const span = base.span(...args)
              observed.spans.push(span)
              return span
            },
            context: (f, fiber) => base.context(f, fiber)
          })
        )
      )
    )
  )

/** The app (one face) on a free port, over the fake Clerk on loopback. */
const stack = (server: (typeof faces)[number]["server"], observed: Observed) =>
  server.pipe(
    Layer.provideMerge(NodeHttpServer.layer(createServer, { port: 0, host: "127.0.0.1" })),
    Layer.provideMerge(
      FakeClerk.layerServer({
        users: [{ id: "user_ada" }],
        sessions: [{ id: "sess_ada", userId: "user_ada", clientId: "client_laptop" }],
        jwtTemplates: [{ name: "supabase", claims: { role: "authenticated" } }],
        // The app's SessionTokens: the fake's layer provides it, verifying against the fake's JWKS.
        sessionTokens: { authorizedParties: [APP_ORIGIN] }
      })
    ),
    Layer.provide(observing(observed))
  )

// ------------------------------------------------------------------ clients of the app and of the fake

/** Mints through the fake's real endpoint, with an `Origin` header (its `azp`). */
const mint = (origin: string | undefined, template?: string) =>
  Effect.gen(function* () {
    const fake = yield* FakeClerk
    const { url } = yield* FakeClerkServer
    const path = `/v1/sessions/sess_ada/tokens${template === undefined ? "" : `/${template}`}`
    const response = yield* Effect.promise(() =>
      fetch(`${url}${path}`, {
        method: "POST",
        headers: { authorization: `Bearer ${fake.secretKey}`, ...(origin === undefined ? {} : { origin }) }
      })
    )
    const body = (yield* Effect.promise(() => response.json())) as { jwt: string }
    return body.jwt
  })

interface Answer {
  readonly status: number
  readonly body: unknown
  readonly text: string
  readonly wwwAuthenticate: string | null
}

const callMe = (headers: Record<string, string> = {}) =>
  Effect.gen(function* () {
    const server = yield* HttpServer.HttpServer
    const address = server.address
    if (address._tag !== "TcpAddress") return yield* Effect.dieMessage("expected a TCP address")
    const response = yield* Effect.promise(() =>
      fetch(`http://127.0.0.1:${address.port}/me`, { headers: { origin: APP_ORIGIN, ...headers } })
    )
    const text = yield* Effect.promise(() => response.text())
    const answer: Answer = {
      status: response.status,
      body: text === "" ? undefined : JSON.parse(text),
      text: `${[...response.headers].join("\n")}\n${text}`,
      wwwAuthenticate: response.headers.get("www-authenticate")
    }
    return answer
  })

const bearer = (token: string) => ({ authorization: `Bearer ${token}` })

const unauthorized = (reason: string) => ({ _tag: "SessionUnauthorized", reason })

// ------------------------------------------------------------------ the tests

describe.each(faces)("$face over loopback", ({ face, server }) => {
  const isApi = face === "HttpApi middleware"

  it.effect("accepts a session token from the Authorization header and from the __session cookie", () => {
    const observed: Observed = { logs: [], spans: [] }
    return Effect.gen(function* () {
      const token = yield* mint(APP_ORIGIN)
      const expected = { userId: "user_ada", sessionId: "sess_ada" }
      expect(yield* callMe(bearer(token))).toMatchObject({ status: 200, body: expected })
      expect(yield* callMe({ cookie: `__session=${token}; theme=dark` })).toMatchObject({ status: 200, body: expected })
      // The header wins over the cookie, as in Clerk's own middleware.
      const answer = yield* callMe({ ...bearer("not-a-token"), cookie: `__session=${token}` })
      expect(answer).toMatchObject({ status: 401, body: unauthorized("Malformed") })
    }).pipe(Effect.provide(stack(server, observed)))
  })

  it.effect("401 with the reason: missing, tampered, template token, wrong or absent azp", () => {
    const observed: Observed = { logs: [], spans: [] }
    return Effect.gen(function* () {
      const token = yield* mint(APP_ORIGIN)
      const missing = yield* callMe()
      expect(missing).toMatchObject({ status: 401, body: unauthorized("MissingToken") })
      expect(yield* callMe({ authorization: "Basic dXNlcjpwYXNz" })).toMatchObject({
        status: 401,
        body: unauthorized("MissingToken")
      })
      const [header, payload, signature] = token.split(".")
      const forged = Buffer.from(
        JSON.stringify({ ...JSON.parse(Buffer.from(payload!, "base64url").toString()), sub: "user_root" })
      ).toString("base64url")
      const tampered = yield* callMe(bearer(`${header}.${forged}.${signature}`))
      expect(tampered).toMatchObject({ status: 401, body: unauthorized("InvalidSignature") })
      const template = yield* callMe(bearer(yield* mint(APP_ORIGIN, "supabase")))
      expect(template).toMatchObject({ status: 401, body: unauthorized("NotASessionToken") })
      const foreign = yield* callMe(bearer(yield* mint("https://evil.example")))
      expect(foreign).toMatchObject({ status: 401, body: unauthorized("UnauthorizedParty") })
      const noOrigin = yield* callMe(bearer(yield* mint(undefined)))
      expect(noOrigin).toMatchObject({ status: 401, body: unauthorized("UnauthorizedParty") })
      if (!isApi) {
        // RFC 6750: a challenge on every 401, an error code once a token was sent.
        expect(missing.wwwAuthenticate).toBe("Bearer")
        expect(tampered.wwwAuthenticate).toBe('Bearer error="invalid_token"')
      }
    }).pipe(Effect.provide(stack(server, observed)))
  })

  it.effect("401 Expired once the TestClock passes the token's exp", () => {
    const observed: Observed = { logs: [], spans: [] }
    return Effect.gen(function* () {
      const token = yield* mint(APP_ORIGIN)
      expect((yield* callMe(bearer(token))).status).toBe(200)
      yield* TestClock.adjust("66 seconds")
      expect(yield* callMe(bearer(token))).toMatchObject({ status: 401, body: unauthorized("Expired") })
    }).pipe(Effect.provide(stack(server, observed)))
  })

  it.effect("a JWKS outage is the server's 503, logged, not the caller's 401", () => {
    const observed: Observed = { logs: [], spans: [] }
    return Effect.gen(function* () {
      const token = yield* mint(APP_ORIGIN)
      yield* FakeClerk.injectFault(Fault.serviceUnavailable(), { path: "/v1/jwks" })
      const answer = yield* callMe(bearer(token))
      expect(answer).toMatchObject({ status: 503, body: { _tag: "SessionAuthUnavailable" } })
      expect(observed.logs.some((line) => line.includes("Clerk session tokens cannot be verified"))).toBe(true)
      // Once Clerk answers again (after the refetch interval), the same token passes.
      yield* TestClock.adjust("6 seconds")
      expect((yield* callMe(bearer(token))).status).toBe(200)
    }).pipe(Effect.provide(stack(server, observed)))
  })

  it.effect("no token ever appears in a response, a log line or a span", () => {
    const observed: Observed = { logs: [], spans: [] }
    return Effect.gen(function* () {
      const token = yield* mint(APP_ORIGIN)
      const template = yield* mint(APP_ORIGIN, "supabase")
      const foreign = yield* mint("https://evil.example")
      const answers = [
        yield* callMe(bearer(token)),
        yield* callMe({ cookie: `__session=${token}` }),
        yield* callMe(bearer(template)),
        yield* callMe(bearer(foreign)),
        yield* callMe(bearer(`${token}x`))
      ]
      yield* FakeClerk.injectFault(Fault.serviceUnavailable(), { path: "/v1/jwks" })
      yield* TestClock.adjust("6 minutes")
      answers.push(yield* callMe(bearer(yield* mint(APP_ORIGIN))))
      expect(answers.map((answer) => answer.status)).toEqual([200, 200, 401, 401, 401, 503])
      expect(observed.logs.length).toBeGreaterThan(0)
      expect(observed.spans.length).toBeGreaterThan(0)
      // The fake Clerk's own spans (under /v1/) carry the tokens it mints, as Clerk's answers do.
      const appSpans = observed.spans.filter((span) => !String(span.attributes.get("url.path")).startsWith("/v1/"))
      expect(appSpans.some((span) => span.attributes.get("url.path") === "/me")).toBe(true)
      const spanTexts = appSpans.map((span) =>
        JSON.stringify({ name: span.name, attributes: [...span.attributes], status: span.status }, (_, value) =>
          typeof value === "bigint" ? String(value) : value
        )
      )
      const texts = [...answers.map((answer) => answer.text), ...observed.logs, ...spanTexts]
      for (const secret of [token, template, foreign].flatMap((jwt) => jwt.split(".").slice(1))) {
        for (const text of texts) expect(text).not.toContain(secret)
      }
    }).pipe(Effect.provide(stack(server, observed)))
  })
})
