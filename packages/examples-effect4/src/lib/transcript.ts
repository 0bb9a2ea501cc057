/**
 * A readable transcript for the runnable examples: numbered steps and
 * indented details, printed with Effect's `Console` (so tests can swap it).
 *
 * @since 0.1.0
 */
import * as Console from "effect/Console"
import type * as Effect from "effect/Effect"

let stepNumber = 0

/**
 * Prints a numbered step heading.
 *
 * @since 0.1.0
 * @category transcript
 */
export const step = (title: string): Effect.Effect<void> => {
  stepNumber++
  return Console.log(`\n${stepNumber}. ${title}`)
}

/**
 * Prints an indented detail line.
 *
 * @since 0.1.0
 * @category transcript
 */
export const say = (line: string): Effect.Effect<void> => Console.log(`   ${line}`)

/**
 * The payload of a JWT, decoded without verification (for display only:
 * never trust a token you have not verified).
 *
 * @since 0.1.0
 * @category transcript
 */
export const peekClaims = (jwt: string): Record<string, unknown> => {
  const payload = jwt.split(".")[1] ?? ""
  return JSON.parse(Buffer.from(payload, "base64url").toString("utf8")) as Record<string, unknown>
}
