/** Random ids and hex strings, with WebCrypto (any runtime). */

const alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"

/**
 * A Clerk-looking id: a prefix and 27 base62 characters (`sess_2n4...`).
 * @internal
 */
export const randomId = (prefix: string, length = 27): string => {
  const bytes = crypto.getRandomValues(new Uint8Array(length))
  let out = ""
  for (const byte of bytes) out += alphabet[byte % alphabet.length]
  return `${prefix}_${out}`
}

/** @internal */
export const randomHex = (bytes: number): string =>
  Array.from(crypto.getRandomValues(new Uint8Array(bytes)), (b) => b.toString(16).padStart(2, "0")).join("")
