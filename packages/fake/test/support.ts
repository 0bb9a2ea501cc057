/** Driving the plain core in tests: requests, and the steps run to the answer on a given clock. */
import type { FakeReply, FakeRequest, FakeStep } from "../src/Exchange.js"
import { createFake, type Fake, type FakeOptions } from "../src/Fake.js"

export const NOW = 1_764_300_000_000
export const DAY = 24 * 60 * 60 * 1000

export const fakeOf = (options: Partial<FakeOptions> = {}): Promise<Fake> => createFake({ now: NOW, ...options })

export const request = (
  fake: Fake,
  method: string,
  path: string,
  options: { readonly body?: unknown; readonly headers?: Record<string, string>; readonly auth?: boolean } = {}
): FakeRequest => ({
  method,
  url: new URL(path, "http://fake.test"),
  headers: {
    ...(options.auth === false ? {} : { authorization: `Bearer ${fake.secretKey}` }),
    ...options.headers
  },
  body:
    options.body === undefined
      ? undefined
      : typeof options.body === "string"
        ? options.body
        : JSON.stringify(options.body)
})

/** Runs the steps without waiting, recording each wait; answers at `now`. */
export const drive = async (
  step: FakeStep,
  now = NOW
): Promise<{ readonly reply: FakeReply; readonly waits: ReadonlyArray<number> }> => {
  const waits: Array<number> = []
  let current = step
  while (current._tag === "Wait") {
    waits.push(current.millis)
    current = current.next()
  }
  return { reply: await current.answer(now), waits }
}

/** Sends a request and answers the reply's status and parsed JSON body. */
export const send = async (
  fake: Fake,
  method: string,
  path: string,
  options: Parameters<typeof request>[3] & { readonly now?: number } = {}
) => {
  const { reply } = await drive(fake.receive(request(fake, method, path, options)), options.now)
  if (reply._tag !== "Respond") throw new Error(`expected a response, got ${reply._tag}`)
  return { status: reply.status, headers: reply.headers, json: JSON.parse(reply.body) }
}

export const errorCode = (json: { readonly errors: ReadonlyArray<{ readonly code: string }> }) => json.errors[0]?.code
