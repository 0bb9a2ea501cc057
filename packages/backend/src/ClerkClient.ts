/**
 * The one HTTP core every Clerk resource uses: URL building, bearer auth, the
 * version header, JSON bodies, response decoding by status, and the mapping of
 * every failure into {@link ClerkErrors} or {@link SDKError}. A resource module
 * describes requests; it holds no HTTP plumbing.
 *
 * @since 0.1.0
 */
import * as HttpClient from "@effect/platform/HttpClient"
import * as HttpClientRequest from "@effect/platform/HttpClientRequest"
import * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import type * as Either from "effect/Either"
import * as Layer from "effect/Layer"
import type * as ParseResult from "effect/ParseResult"
import * as Schema from "effect/Schema"
import { ClerkConfig } from "./ClerkConfig.js"
import type { ClerkErrors } from "./ClerkError.js"
import { SDKError } from "./ClerkError.js"
import { decodeFailure, decodeSuccess, fromRequestError } from "./internal/responses.js"

/**
 * A request described by a resource module.
 *
 * @since 0.1.0
 * @category models
 */
export interface ClerkRequest<A, I> {
  readonly method: "GET" | "POST"
  /** URL segments after `{apiUrl}/{apiVersion}`, each already validated and percent-encoded. */
  readonly path: ReadonlyArray<string>
  /** Query parameters; `undefined` values are left out. */
  readonly urlParams?: Readonly<Record<string, string | number | boolean | undefined>> | undefined
  /** An already-encoded JSON body (see {@link encodeBody}); `undefined` sends no body at all. */
  readonly body?: unknown
  /** The schema of a 2xx body. */
  readonly success: Schema.Schema<A, I>
}

/**
 * @since 0.1.0
 * @category models
 */
export interface ClerkClientService {
  /** Sends one request and decodes its answer. */
  readonly request: <A, I>(request: ClerkRequest<A, I>) => Effect.Effect<A, ClerkErrors | SDKError>
}

/**
 * Encodes a request body with its schema (camelCase in, snake_case out). A
 * value the schema rejects is `SDKError` `InvalidInput`, before any request.
 *
 * @since 0.1.0
 * @category utils
 */
export const encodeBody = <A, I>(schema: Schema.Schema<A, I>) => {
  const encode = Schema.encode(schema)
  return (value: A): Effect.Effect<I, SDKError> =>
    Effect.mapError(
      encode(value),
      (error) =>
        new SDKError({ reason: "InvalidInput", field: "body", message: `Invalid request body: ${error.message}` })
    )
}

type Decoder = (input: unknown) => Either.Either<unknown, ParseResult.ParseError>

// Building a decoder walks the schema's AST; do it once per schema, not per call.
const decoders = new WeakMap<Schema.Schema.Any, Decoder>()
const decoderFor = <A, I>(schema: Schema.Schema<A, I>) => {
  let decoder = decoders.get(schema)
  if (decoder === undefined) {
    decoder = Schema.decodeUnknownEither(schema) as Decoder
    decoders.set(schema, decoder)
  }
  return decoder as (input: unknown) => Either.Either<A, ParseResult.ParseError>
}

const isSuccess = (status: number) => status >= 200 && status < 300

const make: Effect.Effect<ClerkClientService, never, HttpClient.HttpClient | ClerkConfig> = Effect.gen(function* () {
  const config = yield* ClerkConfig
  const baseUrl = `${config.apiUrl}/${config.apiVersion}/`
  const client = (yield* HttpClient.HttpClient).pipe(
    HttpClient.mapRequest((request) =>
      request.pipe(
        // The secret stays Redacted up to here; platform redacts the header in its own logs.
        HttpClientRequest.bearerToken(config.secretKey),
        HttpClientRequest.acceptJson,
        HttpClientRequest.setHeader("Clerk-API-Version", config.clerkApiVersion),
        HttpClientRequest.setHeader("User-Agent", config.userAgent)
      )
    ),
    // Our trace context is none of Clerk's business unless a user opts in.
    HttpClient.withTracerPropagation(false)
  )

  const request = <A, I>(spec: ClerkRequest<A, I>): Effect.Effect<A, ClerkErrors | SDKError> => {
    let httpRequest = HttpClientRequest.make(spec.method)(baseUrl + spec.path.join("/"))
    if (spec.urlParams !== undefined) {
      for (const [key, value] of Object.entries(spec.urlParams)) {
        if (value !== undefined) httpRequest = HttpClientRequest.setUrlParam(httpRequest, key, String(value))
      }
    }
    if (spec.body !== undefined) httpRequest = HttpClientRequest.bodyUnsafeJson(httpRequest, spec.body)
    const decode = decoderFor(spec.success)
    return client.execute(httpRequest).pipe(
      Effect.catchTags({
        RequestError: (error) => Effect.fail(fromRequestError(error)),
        ResponseError: (error) =>
          Effect.fail(new SDKError({ reason: "Transport", message: error.message, status: error.response.status }))
      }),
      Effect.flatMap((response) => {
        return Effect.zipRight(
          Effect.annotateCurrentSpan("http.response.status_code", response.status),
          isSuccess(response.status) ? decodeSuccess(response, decode) : decodeFailure(response)
        )
      })
    )
  }

  return { request }
})

/**
 * The HTTP core shared by every Clerk resource service.
 *
 * @since 0.1.0
 * @category tags
 */
export class ClerkClient extends Context.Tag("@clerk-effect/backend/ClerkClient")<ClerkClient, ClerkClientService>() {
  /**
   * Builds the core from the `HttpClient` and `ClerkConfig` in context.
   *
   * @since 0.1.0
   */
  static readonly make: Effect.Effect<ClerkClientService, never, HttpClient.HttpClient | ClerkConfig> = make

  /**
   * Needs an `HttpClient` (Fetch, Node/undici, Bun...) and a `ClerkConfig`.
   *
   * @since 0.1.0
   */
  static readonly layer: Layer.Layer<ClerkClient, never, HttpClient.HttpClient | ClerkConfig> = Layer.effect(
    ClerkClient,
    make
  )
}
