/**
 * Clerk's own request authentication against the loopback fake:
 * `@clerk/backend`'s `authenticateRequest` (what `clerkMiddleware` of
 * `@clerk/express`, `@clerk/nextjs`... runs on every request) is the judge of
 * the fake's tokens. It is configured with nothing but what the documented
 * environment variables give it (`CLERK_SECRET_KEY`, `CLERK_PUBLISHABLE_KEY`,
 * `CLERK_API_URL`), and fetches the JWKS from the fake. Real time (`it.live`):
 * it checks `exp` and `nbf` against the wall clock.
 */
import { createRequire } from "node:module"
import { createClerkClient } from "@clerk/backend"
import { assert, describe, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import { FAKE_ISSUER, FAKE_PUBLISHABLE_KEY, FakeClerk, FakeClerkServer } from "../src/index.js"

interface ClerkKeys {
  readonly buildPublishableKey: (frontendApi: string) => string
  readonly parsePublishableKey: (key: string) => { readonly instanceType: string; readonly frontendApi: string } | null
}

// Clerk's own key rules (@clerk/shared/keys), from the copy @clerk/backend itself uses.
const clerkKeys = createRequire(createRequire(import.meta.url).resolve("@clerk/backend"))(
  "@clerk/shared/keys"
) as ClerkKeys

const layer = FakeClerk.layerServer({
  users: [{ id: "user_1" }],
  sessions: [
    { id: "sess_active", userId: "user_1", clientId: "client_1" },
    { id: "sess_pending", userId: "user_1", clientId: "client_2", status: "pending" }
  ],
  jwtTemplates: [{ name: "supabase", claims: { role: "authenticated" }, lifetime: 120 }]
})

/** A Clerk client configured as environment variables would configure it. */
const clerkFromEnvironment = Effect.gen(function* () {
  const fake = yield* FakeClerk
  const server = yield* FakeClerkServer
  const env = {
    CLERK_SECRET_KEY: fake.secretKey,
    CLERK_PUBLISHABLE_KEY: fake.publishableKey,
    // The bare origin: Clerk's SDKs add `/v1` themselves.
    CLERK_API_URL: server.url
  }
  return createClerkClient({
    secretKey: env.CLERK_SECRET_KEY,
    publishableKey: env.CLERK_PUBLISHABLE_KEY,
    apiUrl: env.CLERK_API_URL
  })
})

const mint = (path: string) =>
  Effect.gen(function* () {
    const fake = yield* FakeClerk
    const server = yield* FakeClerkServer
    const response = yield* Effect.promise(() =>
      fetch(`${server.url}/v1/sessions/${path}`, {
        method: "POST",
        headers: { authorization: `Bearer ${fake.secretKey}` }
      })
    )
    assert.strictEqual(response.status, 200)
    return ((yield* Effect.promise(() => response.json())) as { jwt: string }).jwt
  })

const authenticate = (token: string) =>
  Effect.flatMap(clerkFromEnvironment, (clerk) =>
    Effect.promise(() =>
      clerk.authenticateRequest(
        new Request("http://localhost:3000/api/me", { headers: { authorization: `Bearer ${token}` } })
      )
    )
  )

describe("the fake's issuer is a development instance's Frontend API", () => {
  it("Clerk derives a development publishable key from it: FAKE_PUBLISHABLE_KEY", () => {
    const host = new URL(FAKE_ISSUER).host
    assert.match(host, /^[a-z]+-[a-z]+-\d{1,2}\.clerk\.accounts\.dev$/)
    assert.strictEqual(clerkKeys.buildPublishableKey(host), FAKE_PUBLISHABLE_KEY)
    assert.isTrue(FAKE_PUBLISHABLE_KEY.startsWith("pk_test_"))
    assert.deepStrictEqual(clerkKeys.parsePublishableKey(FAKE_PUBLISHABLE_KEY), {
      instanceType: "development",
      frontendApi: host
    })
  })

  it.effect("a fake's publishableKey follows its issuer, as Clerk builds it", () =>
    Effect.gen(function* () {
      for (const issuer of [FAKE_ISSUER, "https://happy-otter-7.clerk.accounts.dev", "https://clerk.example.com"]) {
        const fake = yield* FakeClerk.make({ issuer })
        assert.strictEqual(fake.publishableKey, clerkKeys.buildPublishableKey(new URL(issuer).host), issuer)
      }
      assert.isTrue(
        (yield* FakeClerk.make({ issuer: "https://clerk.example.com" })).publishableKey.startsWith("pk_live_")
      )
    })
  )
})

describe("@clerk/backend's authenticateRequest judges the fake's tokens", () => {
  it.live("a session token signs in, with sessionStatus active (or pending)", () =>
    Effect.gen(function* () {
      const state = yield* authenticate(yield* mint("sess_active/tokens"))
      assert.isTrue(state.isSignedIn, `${state.reason}: ${state.message}`)
      const auth = state.toAuth()
      assert.strictEqual(auth?.sessionStatus, "active")
      assert.strictEqual(auth?.sessionId, "sess_active")
      assert.strictEqual(auth?.userId, "user_1")

      const pending = yield* authenticate(yield* mint("sess_pending/tokens"))
      assert.isTrue(pending.isSignedIn, `${pending.reason}: ${pending.message}`)
      assert.strictEqual(pending.toAuth({ treatPendingAsSignedOut: false })?.sessionStatus, "pending")
      // By default Clerk treats a pending session as signed out: it reads `sts` to know.
      assert.isNull(pending.toAuth()?.userId)
    }).pipe(Effect.provide(layer))
  )

  it.live("a JWT-template token presented as a session token is not a login (token-type-mismatch)", () =>
    Effect.gen(function* () {
      const state = yield* authenticate(yield* mint("sess_active/tokens/supabase"))
      assert.isFalse(state.isSignedIn)
      assert.strictEqual(state.reason, "token-type-mismatch")
    }).pipe(Effect.provide(layer))
  )
})
