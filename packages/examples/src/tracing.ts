/**
 * Spans and metrics of the SDK exported through OpenTelemetry
 * (`@effect/opentelemetry`), here to an in-memory exporter so the program can
 * print what a collector would receive. Runs against the in-process fake
 * Clerk backend: no account, no network.
 *
 * Run: pnpm --filter @clerk-effect/examples exec tsx src/tracing.ts
 */
import { ClerkMetrics, Sessions } from "@clerk-effect/backend"
import { FakeClerk, Fault } from "@clerk-effect/testing"
import { NodeSdk } from "@effect/opentelemetry"
import { InMemorySpanExporter, type ReadableSpan, SimpleSpanProcessor } from "@opentelemetry/sdk-trace-base"
import { Effect, Layer, Metric } from "effect"

const exporter = new InMemorySpanExporter()

const TracingLive = NodeSdk.layer(() => ({
  resource: { serviceName: "clerk-effect-tracing-example" },
  spanProcessor: new SimpleSpanProcessor(exporter)
}))

const program = Effect.gen(function* () {
  yield* FakeClerk.addUser({ id: "user_tracing" })
  const session = yield* Sessions.create({ userId: "user_tracing" })
  // One 503 before the answer: the token span shows two HTTP attempts under it.
  yield* FakeClerk.injectFault(Fault.serviceUnavailable(), { method: "POST" })
  yield* Sessions.createToken(session.id)
  yield* Sessions.get("sess_does_not_exist").pipe(
    Effect.catchTag("ClerkErrors", (error) => Effect.log(`expected 404: ${error.codes.join(", ")}`))
  )
}).pipe(Effect.withSpan("example.request"))

const printTree = (spans: ReadonlyArray<ReadableSpan>) => {
  const children = new Map<string | undefined, Array<ReadableSpan>>()
  for (const span of spans) {
    const parent = span.parentSpanContext?.spanId
    children.set(parent, [...(children.get(parent) ?? []), span])
  }
  const known = new Set(spans.map((span) => span.spanContext().spanId))
  const roots = spans.filter((span) => !known.has(span.parentSpanContext?.spanId ?? ""))
  const visit = (span: ReadableSpan, depth: number) => {
    const attributes = Object.entries(span.attributes)
      .filter(([key]) => key.startsWith("clerk.") || key === "http.response.status_code")
      .map(([key, value]) => `${key}=${String(value)}`)
      .join(" ")
    console.log(`${"  ".repeat(depth)}${span.name}  ${attributes}`)
    for (const child of children.get(span.spanContext().spanId) ?? []) visit(child, depth + 1)
  }
  for (const root of roots) visit(root, 0)
}

const main = Effect.gen(function* () {
  yield* program
  const spans = exporter.getFinishedSpans()
  console.log("Spans exported:")
  printTree(spans)

  const secret = (yield* FakeClerk).secretKey
  const leaked = spans.some((span) => JSON.stringify(span.attributes).includes(secret))
  if (leaked) return yield* Effect.dieMessage("a span attribute holds the secret key")
  console.log("\nNo span attribute holds the secret key.")

  console.log("\nMetrics:")
  for (const metric of yield* Metric.snapshot) {
    if (!metric.metricKey.name.startsWith("clerk_client_")) continue
    const tags = metric.metricKey.tags.map((tag) => `${tag.key}=${tag.value}`).join(",")
    const state = metric.metricState as { count?: number }
    console.log(`  ${metric.metricKey.name}{${tags}} count=${state.count}`)
  }
  const retries = yield* Metric.value(Metric.tagged(ClerkMetrics.retries, "operation", "sessions.createToken"))
  console.log(`\nRetries of sessions.createToken, read directly: ${retries.count}`)
})

main.pipe(Effect.provide(Layer.merge(FakeClerk.layer(), TracingLive)), Effect.runPromise).catch((error) => {
  console.error(error)
  process.exit(1)
})
