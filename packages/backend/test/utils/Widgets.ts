/**
 * A second resource, for tests only: what the next real one (Users,
 * Organizations...) will look like to the core. Built on `ClerkClient` like
 * `Sessions`, with the methods and query shapes Sessions does not use: PATCH
 * with a body, DELETE, and a repeated query key.
 */
import * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Schema from "effect/Schema"
import { ClerkClient, encodeBody } from "../../src/ClerkClient.js"
import type { ClerkErrors, SDKError } from "../../src/Errors.js"

/** Any JSON answer: these tests are about the request, not the decoding. */
const Anything = Schema.Unknown

const WidgetPatch = Schema.Struct({
  displayName: Schema.propertySignature(Schema.String).pipe(Schema.fromKey("display_name"))
})

export interface WidgetsService {
  readonly list: (ids: ReadonlyArray<string>) => Effect.Effect<unknown, ClerkErrors | SDKError>
  readonly update: (
    id: string,
    patch: { readonly displayName: string }
  ) => Effect.Effect<unknown, ClerkErrors | SDKError>
  readonly remove: (id: string) => Effect.Effect<unknown, ClerkErrors | SDKError>
}

const encodePatch = encodeBody(WidgetPatch)

export class Widgets extends Context.Tag("test/Widgets")<Widgets, WidgetsService>() {
  static readonly layer = Layer.effect(
    Widgets,
    Effect.map(ClerkClient, (client) => ({
      list: (ids) =>
        client.request({
          operation: "widgets.list",
          idempotent: true,
          method: "GET",
          path: ["widgets"],
          urlParams: { user_id: ids, limit: 10, absent: undefined },
          success: Anything
        }),
      update: (id, patch) =>
        Effect.flatMap(encodePatch(patch), (body) =>
          client.request({
            operation: "widgets.update",
            idempotent: true,
            method: "PATCH",
            path: ["widgets", encodeURIComponent(id)],
            body,
            success: Anything
          })
        ),
      remove: (id) =>
        client.request({
          operation: "widgets.remove",
          idempotent: true,
          method: "DELETE",
          path: ["widgets", encodeURIComponent(id)],
          success: Anything
        })
    }))
  ).pipe(Layer.provide(ClerkClient.layer))
}
