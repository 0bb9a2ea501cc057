/** The shared wire fixtures (`@clerk-effect/behaviour-cases/wire`), typed with this edition's schemas. */
import * as wire from "@clerk-effect/behaviour-cases/wire"
import type { Session, SessionEncoded } from "../../src/Session.js"

/** A session as Clerk sends it, every optional field present, plus a field this SDK does not know. */
export const fullSessionWire = wire.fullSessionWire

/** What {@link fullSessionWire} decodes to: camelCase, unknown fields gone. */
export const fullSession: Session = wire.fullSession

/** A session with only the required fields. */
export const sessionWire = (id: string, overrides: Partial<SessionEncoded> = {}): SessionEncoded => ({
  ...(wire.sessionWire(id) as SessionEncoded),
  ...overrides
})

/** What {@link sessionWire} decodes to (without overrides). */
export const session = (id: string): Session => wire.session(id)

/** A Clerk error body as the wire carries it. */
export const clerkErrorBody = wire.clerkErrorBody
