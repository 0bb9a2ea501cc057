import type { ClerkHeaders } from "@clerk-effect/core/wire"
import { clerkHeaders } from "@clerk-effect/core/wire"
import * as Redacted from "effect/Redacted"
import type { ClerkConfigService } from "../ClerkConfig.js"

/**
 * The headers of every call to Clerk for a config (see `clerkHeaders` in
 * @clerk-effect/core (wire.ts)): the one place the secret key leaves its `Redacted`,
 * into the `authorization` value. The SDK's errors never carry a request.
 * @internal
 */
export const clerkHeadersOf = (config: ClerkConfigService): ClerkHeaders =>
  clerkHeaders({
    secretKey: Redacted.value(config.secretKey),
    clerkApiVersion: config.clerkApiVersion,
    userAgent: config.userAgent
  })
