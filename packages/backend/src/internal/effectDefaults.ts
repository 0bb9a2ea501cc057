/**
 * Effect's default services, and how the core tells a user's own from them.
 *
 * @internal
 */
import * as Clock from "effect/Clock"
import * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import type * as Fiber from "effect/Fiber"
import * as FiberRef from "effect/FiberRef"
import * as Tracer from "effect/Tracer"

// Read once. Identity against them is what tells the defaults apart from a
// user's own: comparing classes would not, since a process may hold several
// copies of effect (bundles, duplicated installs) while sharing one set of
// default services between them.
let defaults: { readonly clock: Clock.Clock; readonly tracer: Tracer.Tracer } | undefined
const effectDefaults = () => (defaults ??= Effect.runSync(Effect.all({ clock: Effect.clock, tracer: Effect.tracer })))

/**
 * On the default (live) clock, timers are plain `setTimeout`s, which a direct
 * exchange can own. Any other clock (TestClock, a user's own) gets Effect's
 * timeout, so that time stays entirely that clock's.
 * @internal
 */
export const isLiveClock = (clock: Clock.Clock): boolean => clock === effectDefaults().clock

/**
 * The fiber's clock.
 * @internal
 */
export const clockOf = (fiber: Fiber.RuntimeFiber<unknown, unknown>): Clock.Clock =>
  Context.get(fiber.currentDefaultServices, Clock.Clock)

/**
 * Whether the fiber's tracer keeps its spans. Effect's default tracer keeps
 * them nowhere: nothing exports them and nothing reads them after the
 * operation. Opening one cost about as much as the rest of the core together
 * (ids, clock, context copy), so operations open their span only for a
 * tracer that records it (OpenTelemetry, any Tracer.make); see
 * docs/tracing.md.
 * @internal
 */
export const recordsSpans = (fiber: Fiber.RuntimeFiber<unknown, unknown>): boolean =>
  fiber.getFiberRef(FiberRef.currentTracerEnabled) &&
  Context.get(fiber.currentDefaultServices, Tracer.Tracer) !== effectDefaults().tracer
