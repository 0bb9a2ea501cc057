/**
 * SessionAuth (effect-4 edition) over loopback: an effect 4 HTTP server on
 * Node (`NodeHttpServer.layerTest`) protecting `/me` in the three ways
 * (the `HttpApi` middleware, `SessionAuth.router` on an `HttpRouter` route,
 * `SessionAuth.middleware` around a handler), verifying tokens with the
 * JWKS of the in-memory endpoint of SessionTokensFixtures. The substance of
 * the effect-3 suite (packages/testing/test/SessionAuth.test.ts), which runs
 * over the fake Clerk; the fake has no effect-4 face yet.
 */
import { NodeHttpServer } from "@effect/platform-node"
import { describe, expect, it } from "@effect/vitest"
import * as Cause from "effect/Cause"
import * as Effect from "effect/Effect"
import * as ErrorReporter from "effect/ErrorReporter"
import * as HttpClient from "effect/http/HttpClient"
import * as HttpRouter from "effect/http/HttpRouter"
import * as HttpServerResponse from "effect/http/HttpServerResponse"
import * as HttpApi from "effect/http-api/HttpApi"
import * as HttpApiBuilder from "effect/http-api/HttpApiBuilder"
import * as HttpApiEndpoint from "effect/http-api/HttpApiEndpoint"
import * as HttpApiGroup from "effect/http-api/HttpApiGroup"
import * as OpenApi from "effect/http-api/OpenApi"
import * as Layer from "effect/Layer"
import * as Logger from "effect/Logger"
import * as Schema from "effect/Schema"
import * as Tracer from "effect/Tracer"
import { TestClock } from "effect/testing"
import { CurrentSession, SessionAuth, SessionAuthUnavailable, SessionUnauthorized } from "../src/SessionAuth.js"
import type { JwksServer } from "./SessionTokensFixtures.js"
import { atNow, jwksLayer, keyB, makeJwksServer, mintEffect, SECRET, sessionClaims } from "./SessionTokensFixtures.js"

const APP_ORIGIN = "https://app.example.com"

// ------------------------------------------------------------------ three ways to protect /me

const Me = Schema.Struct({ userId: Schema.String, sessionId: Schema.String })
const me = CurrentSession.useSync((session) => ({ userId: session.sub, sessionId: session.sid }))
const meResponse = Effect.map(me, (body) => HttpServerResponse.jsonUnsafe(body))

class Api extends HttpApi.make("api").add(
  HttpApiGroup.make("account")
    .add(HttpApiEndpoint.get("me", "/me", { success: Me }))
    .middleware(SessionAuth)
) {}

const apiApp = HttpApiBuilder.layer(Api).pipe(
  Layer.provide(HttpApiBuilder.group(Api, "account", (handlers) => handlers.handle("me", () => me))),
  Layer.provide(SessionAuth.layer)
)

const routerApp = HttpRouter.add("GET", "/me", meResponse).pipe(Layer.provide(SessionAuth.router.layer))

const middlewareApp = HttpRouter.add("GET", "/me", SessionAuth.middleware(meResponse))

/** What any face needs besides the server: the layers `stack` provides. */
type FaceRequirements = Layer.Services<typeof apiApp | typeof routerApp | typeof middlewareApp>

const faces: ReadonlyArray<{ readonly face: string; readonly app: Layer.Layer<never, never, FaceRequirements> }> = [
  { face: "HttpApi middleware", app: apiApp },
  { face: "SessionAuth.router", app: routerApp },
  { face: "SessionAuth.middleware", app: middlewareApp }
]

// ------------------------------------------------------------------ what the test sees

interface Observed {
  readonly logs: Array<string>
  readonly spans: Array<Tracer.NativeSpan>
}

const observing = (observed: Observed) =>
  Layer.mergeAll(
    Logger.layer([
      Logger.make(({ cause, message }) => {
        observed.logs.push(`${JSON.stringify(message)} ${Cause.pretty(cause)}`)
      })
    ]),
    Layer.succeed(
      Tracer.Tracer,
      Tracer.make({
        span: (options) => {
          const span = new Tracer.NativeSpan(options)
          observed.spans.push(span)
          return span
        }
      })
    )
  )

/** The app (one face) on a free port, its SessionTokens over the JWKS endpoint `jwks`. */
const stack = <R>(app: Layer.Layer<never, never, R>, jwks: JwksServer, observed: Observed) =>
  HttpRouter.serve(app, { disableListenLog: true }).pipe(
    Layer.provide(jwksLayer(jwks, { authorizedParties: [APP_ORIGIN] })),
    Layer.provideMerge(NodeHttpServer.layerTest),
    Layer.provide(observing(observed))
  )

interface Answer {
  readonly status: number
  readonly body: unknown
  readonly text: string
  readonly wwwAuthenticate: string | undefined
}

const callMe = (headers: Record<string, string> = {}) =>
  Effect.gen(function* () {
    const response = yield* HttpClient.get("/me", { headers: { origin: APP_ORIGIN, ...headers } })
    const text = yield* response.text
    const answer: Answer = {
      status: response.status,
      body: text === "" ? undefined : JSON.parse(text),
      text: `${JSON.stringify(response.headers)}\n${text}`,
      wwwAuthenticate: response.headers["www-authenticate"]
    }
    return answer
  })

const bearer = (token: string) => ({ authorization: `Bearer ${token}` })

const unauthorized = (reason: string) => ({ _tag: "SessionUnauthorized", reason })

const expected = { userId: "user_123", sessionId: "sess_123" }

// ------------------------------------------------------------------ the tests

describe.each(faces)("$face over loopback", ({ app, face }) => {
  const isApi = face === "HttpApi middleware"

  it.effect("accepts a session token from the Authorization header and from the __session cookie", () => {
    const observed: Observed = { logs: [], spans: [] }
    return Effect.gen(function* () {
      yield* atNow
      const token = yield* mintEffect()
      expect(yield* callMe(bearer(token))).toMatchObject({ status: 200, body: expected })
      expect(yield* callMe({ cookie: `__session=${token}; theme=dark` })).toMatchObject({ status: 200, body: expected })
      // The header wins over the cookie, as in Clerk's own middleware.
      const answer = yield* callMe({ ...bearer("not-a-token"), cookie: `__session=${token}` })
      expect(answer).toMatchObject({ status: 401, body: unauthorized("Malformed") })
    }).pipe(Effect.provide(stack(app, makeJwksServer(), observed)))
  })

  it.effect("401 with the reason: missing, tampered, template token, wrong or absent azp, unknown key", () => {
    const observed: Observed = { logs: [], spans: [] }
    return Effect.gen(function* () {
      yield* atNow
      const token = yield* mintEffect()
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
      const { sid: _sid, ...template } = sessionClaims({ role: "authenticated" })
      expect(yield* callMe(bearer(yield* mintEffect(template)))).toMatchObject({
        status: 401,
        body: unauthorized("NotASessionToken")
      })
      expect(yield* callMe(bearer(yield* mintEffect(sessionClaims({ azp: "https://evil.example" }))))).toMatchObject({
        status: 401,
        body: unauthorized("UnauthorizedParty")
      })
      const { azp: _azp, ...noAzp } = sessionClaims()
      expect(yield* callMe(bearer(yield* mintEffect(noAzp)))).toMatchObject({
        status: 401,
        body: unauthorized("UnauthorizedParty")
      })
      expect(yield* callMe(bearer(yield* mintEffect(sessionClaims(), { key: keyB })))).toMatchObject({
        status: 401,
        body: unauthorized("KeyNotFound")
      })
      if (!isApi) {
        // RFC 6750: a challenge on every 401, an error code once a token was sent.
        expect(missing.wwwAuthenticate).toBe("Bearer")
        expect(tampered.wwwAuthenticate).toBe('Bearer error="invalid_token"')
      }
    }).pipe(Effect.provide(stack(app, makeJwksServer(), observed)))
  })

  it.effect("401 Expired once the TestClock passes the token's exp", () => {
    const observed: Observed = { logs: [], spans: [] }
    return Effect.gen(function* () {
      yield* atNow
      const token = yield* mintEffect()
      expect((yield* callMe(bearer(token))).status).toBe(200)
      yield* TestClock.adjust("64 seconds")
      expect(yield* callMe(bearer(token))).toMatchObject({ status: 401, body: unauthorized("Expired") })
    }).pipe(Effect.provide(stack(app, makeJwksServer(), observed)))
  })

  it.effect("a JWKS outage is the server's 503, logged, not the caller's 401", () => {
    const observed: Observed = { logs: [], spans: [] }
    const jwks = makeJwksServer()
    jwks.status = 503
    return Effect.gen(function* () {
      yield* atNow
      const token = yield* mintEffect()
      const answer = yield* callMe(bearer(token))
      expect(answer).toMatchObject({ status: 503, body: { _tag: "SessionAuthUnavailable" } })
      expect(observed.logs.some((line) => line.includes("Clerk session tokens cannot be verified"))).toBe(true)
      // Once Clerk answers again (after the refetch interval), the same token passes.
      jwks.status = 200
      yield* TestClock.adjust("6 seconds")
      expect((yield* callMe(bearer(token))).status).toBe(200)
    }).pipe(Effect.provide(stack(app, jwks, observed)))
  })

  it.effect("no token and no secret key ever appear in a response, a log line or a span", () => {
    const observed: Observed = { logs: [], spans: [] }
    const jwks = makeJwksServer()
    return Effect.gen(function* () {
      yield* atNow
      const token = yield* mintEffect()
      const { sid: _sid, ...templateClaims } = sessionClaims()
      const template = yield* mintEffect(templateClaims)
      const foreign = yield* mintEffect(sessionClaims({ azp: "https://evil.example" }))
      const answers = [
        yield* callMe(bearer(token)),
        yield* callMe({ cookie: `__session=${token}` }),
        yield* callMe(bearer(template)),
        yield* callMe(bearer(foreign)),
        yield* callMe(bearer(`${token}x`))
      ]
      jwks.status = 503
      yield* TestClock.adjust("6 minutes")
      answers.push(yield* callMe(bearer(yield* mintEffect(sessionClaims({ exp: 1_764_300_000 + 3600 })))))
      expect(answers.map((answer) => answer.status)).toEqual([200, 200, 401, 401, 401, 503])
      expect(observed.logs.length).toBeGreaterThan(0)
      expect(observed.spans.some((span) => span.attributes.get("url.path") === "/me")).toBe(true)
      const spanTexts = observed.spans.map((span) =>
        JSON.stringify(
          { name: span.name, attributes: [...span.attributes], events: span.events, status: span.status },
          (_, value) => (typeof value === "bigint" ? String(value) : value)
        )
      )
      const texts = [...answers.map((answer) => answer.text), ...observed.logs, ...spanTexts]
      const secrets = [SECRET, ...[token, template, foreign].flatMap((jwt) => jwt.split(".").slice(1))]
      for (const secret of secrets) {
        for (const text of texts) expect(text).not.toContain(secret)
      }
    }).pipe(Effect.provide(stack(app, jwks, observed)))
  })
})

describe("SessionAuth in the OpenAPI document", () => {
  it("declares bearer security with the cookie in its description, and the 401 and 503 answers", () => {
    const spec = OpenApi.fromApi(Api) as unknown as {
      readonly components: {
        readonly securitySchemes: Record<string, { type: string; scheme?: string; description?: string }>
      }
      readonly paths: Record<
        string,
        { get: { security: ReadonlyArray<Record<string, unknown>>; responses: Record<string, unknown> } }
      >
    }
    const scheme = Object.values(spec.components.securitySchemes)
    expect(scheme).toHaveLength(1)
    expect(scheme[0]).toMatchObject({ type: "http" })
    expect(scheme[0]!.scheme?.toLowerCase()).toBe("bearer")
    expect(scheme[0]!.description).toContain("__session")
    const me = spec.paths["/me"]!.get
    expect(me.security).toHaveLength(1)
    expect(Object.keys(me.responses)).toEqual(expect.arrayContaining(["200", "401", "503"]))
  })
})

describe("SessionAuth.authenticateWith and the errors' own answers", () => {
  const admin = HttpRouter.add(
    "GET",
    "/admin",
    Effect.map(SessionAuth.authenticateWith({ authorizedParties: ["https://admin.example.com"] }), (session) =>
      HttpServerResponse.jsonUnsafe({ userId: session.sub })
    )
  )

  it.effect("per-request options; a refusal left unhandled in a route answers itself (401, challenge)", () => {
    const observed: Observed = { logs: [], spans: [] }
    return Effect.gen(function* () {
      yield* atNow
      const appToken = yield* mintEffect()
      const response = yield* HttpClient.get("/admin", { headers: bearer(appToken) })
      expect(response.status).toBe(401)
      expect(yield* response.json).toEqual(unauthorized("UnauthorizedParty"))
      expect(response.headers["www-authenticate"]).toBe('Bearer error="invalid_token"')
      const adminToken = yield* mintEffect(sessionClaims({ azp: "https://admin.example.com" }))
      const ok = yield* HttpClient.get("/admin", { headers: bearer(adminToken) })
      expect(ok.status).toBe(200)
    }).pipe(Effect.provide(stack(admin, makeJwksServer(), observed)))
  })

  it("a refusal is the caller's fault, ignored by effect's ErrorReporter; an outage is not", () => {
    expect(new SessionUnauthorized({ reason: "Expired" })[ErrorReporter.ignore]).toBe(true)
    expect(ErrorReporter.isIgnored(new SessionUnauthorized({ reason: "Expired" }))).toBe(true)
    expect(ErrorReporter.isIgnored(new SessionAuthUnavailable())).toBe(false)
  })
})
