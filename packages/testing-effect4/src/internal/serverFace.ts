/**
 * The loopback face: `@clerk-effect/fake/server`'s `node:http` server (the
 * one server of both editions) for the life of a scope, answering through
 * this edition's `handle`: each request runs with the scope's services, so
 * latency follows its clock (`TestClock` included), and a client that leaves
 * interrupts the request wherever it waits.
 *
 * The only module of the package that needs Node: `FakeClerk` loads it with
 * a dynamic `import()` when a server layer is built, so the main entry stays
 * loadable on Workers and in browsers.
 */
import { listen } from "@clerk-effect/fake/server"
import * as Effect from "effect/Effect"
import { ServeError } from "effect/http/HttpServerError"
import type * as Scope from "effect/Scope"
import type { FakeClerkService } from "../FakeClerkService.js"

/**
 * Starts the server on `host:port` (port 0 picks a free one) for the life of
 * the scope, and answers its base URL (`http://127.0.0.1:PORT`).
 * @internal
 */
export const serve = (
  fake: FakeClerkService,
  options: { readonly port?: number | undefined; readonly host?: string | undefined }
): Effect.Effect<{ readonly url: string; readonly port: number }, ServeError, Scope.Scope> =>
  Effect.gen(function* () {
    const runPromise = Effect.runPromiseWith(yield* Effect.context<never>())
    const server = yield* Effect.acquireRelease(
      Effect.tryPromise({
        try: () => listen((request, signal) => runPromise(fake.handle(request), { signal }), options),
        catch: (cause) => new ServeError({ cause })
      }),
      (server) => Effect.promise(() => server.close())
    )
    return { url: server.url, port: server.port }
  })
