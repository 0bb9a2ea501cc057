/**
 * The loop shapes of the promise-based contestants and the plain `fetch`
 * floors, with no import of Effect nor of the SDK: edition-free, so that the
 * editions runner (editionsChild.ts), which holds both editions' contestants
 * in one process, can use them without loading effect 3. loops.ts adds the
 * Effect-based contestants (effect 3) and re-exports all of this.
 *
 * @since 0.1.0
 */
import { SECRET_KEY, SESSION_ID } from "./fixtures.js"

/**
 * @since 0.1.0
 * @category models
 */
export interface Contestant {
  readonly name: string
  readonly sequential: (n: number) => Promise<void>
  readonly concurrent: (n: number, concurrency: number) => Promise<void>
  readonly dispose: () => Promise<void>
}

/**
 * The headers our SDK sends, for the plain contestants.
 *
 * @since 0.1.0
 * @category fixtures
 */
export const headers = {
  authorization: `Bearer ${SECRET_KEY}`,
  accept: "application/json",
  "clerk-api-version": "2026-05-12"
}

/**
 * The URL of the `get` every contestant calls.
 *
 * @since 0.1.0
 * @category fixtures
 */
export const sessionUrl = (apiUrl: string): string => `${apiUrl}/v1/sessions/${SESSION_ID}`

const promiseWorkers = async (n: number, concurrency: number, call: () => Promise<unknown>) => {
  let next = 0
  const worker = async () => {
    while (next < n) {
      next++
      await call()
    }
  }
  await Promise.all(Array.from({ length: concurrency }, worker))
}

/**
 * A contestant whose call is a plain promise: a loop, or `concurrency` workers.
 *
 * @since 0.1.0
 * @category constructors
 */
export const promiseContestant = (
  name: string,
  call: () => Promise<unknown>,
  dispose: () => Promise<void> = async () => {}
): Contestant => ({
  name,
  sequential: async (n) => {
    for (let i = 0; i < n; i++) await call()
  },
  concurrent: (n, concurrency) => promiseWorkers(n, concurrency, call),
  dispose
})

/**
 * Plain `fetch` and `JSON.parse`, with the same headers our SDK sends: the
 * floor no client on this transport can beat.
 *
 * @since 0.1.0
 * @category constructors
 */
export const plainFetchContestant = (apiUrl: string): Contestant => {
  const url = sessionUrl(apiUrl)
  const call = async () => {
    const response = await fetch(url, { headers })
    return JSON.parse(await response.text())
  }
  return promiseContestant("fetch + JSON.parse", call)
}

/**
 * Plain `fetch` made cancellable the way any client that can time out or be
 * interrupted must make it: an `AbortController` whose signal goes with the
 * request, and a timer that would abort it (cleared once the body is read).
 * `@clerk/backend` passes no signal (a call of its can neither time out nor be
 * cancelled); `FetchTransport` does, so this row is its floor, and the
 * difference to the plain row is what the platform's fetch charges for the
 * signal alone.
 *
 * @since 0.1.0
 * @category constructors
 */
export const cancellableFetchContestant = (apiUrl: string): Contestant => {
  const url = sessionUrl(apiUrl)
  const call = async () => {
    const controller = new AbortController()
    const timer = setTimeout(() => controller.abort(), 10_000)
    try {
      const response = await fetch(url, { headers, signal: controller.signal })
      return JSON.parse(await response.text())
    } finally {
      clearTimeout(timer)
    }
  }
  return promiseContestant("fetch + AbortSignal + timer + JSON.parse", call)
}
