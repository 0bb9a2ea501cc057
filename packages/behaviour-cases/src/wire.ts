/**
 * Clerk's wire format as the suites send and expect it: sessions, tokens and
 * error bodies in snake_case, and what each edition decodes them to.
 */

/** A session as Clerk sends it, every optional field present, plus fields this SDK does not know. */
export const fullSessionWire = {
  object: "session",
  id: "sess_full",
  user_id: "user_1",
  client_id: "client_1",
  actor: { sub: "user_admin" },
  status: "active",
  last_active_organization_id: "org_1",
  last_active_at: 1764300000000,
  latest_activity: {
    object: "session_activity",
    id: "sess_activity_1",
    device_type: "Macintosh",
    is_mobile: false,
    browser_name: "Chrome",
    browser_version: "131.0.0.0",
    ip_address: "203.0.113.7",
    city: "Berlin",
    country: "DE",
    some_future_field: "ignored"
  },
  expire_at: 1764904800000,
  abandon_at: 1766892000000,
  updated_at: 1764300000001,
  created_at: 1764300000002,
  tasks: [{ key: "choose-organization" }],
  a_field_clerk_adds_later: { nested: true }
} as const

/** What {@link fullSessionWire} decodes to: camelCase, unknown fields gone. */
export const fullSession = {
  object: "session",
  id: "sess_full",
  userId: "user_1",
  clientId: "client_1",
  actor: { sub: "user_admin" },
  status: "active",
  lastActiveOrganizationId: "org_1",
  lastActiveAt: 1764300000000,
  latestActivity: {
    object: "session_activity",
    id: "sess_activity_1",
    deviceType: "Macintosh",
    isMobile: false,
    browserName: "Chrome",
    browserVersion: "131.0.0.0",
    ipAddress: "203.0.113.7",
    city: "Berlin",
    country: "DE"
  },
  expireAt: 1764904800000,
  abandonAt: 1766892000000,
  updatedAt: 1764300000001,
  createdAt: 1764300000002,
  tasks: [{ key: "choose-organization" }]
} as const

/** The wire fields of a session, as far as the suites set them. */
export interface SessionWire {
  readonly object: string
  readonly id: string
  readonly user_id: string
  readonly client_id: string
  readonly status: string
  readonly last_active_at: number
  readonly expire_at: number
  readonly abandon_at: number
  readonly updated_at: number
  readonly created_at: number
  readonly [key: string]: unknown
}

/** A session with only the required fields. */
export const sessionWire = (id: string, overrides: Partial<SessionWire> = {}): SessionWire => ({
  object: "session",
  id,
  user_id: "user_1",
  client_id: "client_1",
  status: "active",
  last_active_at: 1764300000000,
  expire_at: 1764904800000,
  abandon_at: 1766892000000,
  updated_at: 1764300000000,
  created_at: 1764300000000,
  ...overrides
})

/** What {@link sessionWire} decodes to (without overrides). */
export const session = (id: string) => ({
  object: "session" as const,
  id,
  userId: "user_1",
  clientId: "client_1",
  status: "active" as const,
  lastActiveAt: 1764300000000,
  expireAt: 1764904800000,
  abandonAt: 1766892000000,
  updatedAt: 1764300000000,
  createdAt: 1764300000000
})

/** A token as Clerk sends it; it decodes to itself. */
export const token = { object: "token", jwt: "eyJhbGciOiJSUzI1NiJ9.e30.sig" } as const

/** A Clerk error body as the wire carries it. */
export const clerkErrorBody = (
  status: number,
  extra: { readonly clerk_trace_id?: string; readonly meta?: Record<string, unknown> } = {}
) => ({
  errors: [
    {
      code: `code_${status}`,
      message: `short ${status}`,
      long_message: `long message for ${status}`,
      meta: { param_name: "session_id" }
    }
  ],
  ...extra
})

/** What {@link clerkErrorBody}'s one error decodes to. */
export const clerkErrorDecoded = (status: number) => ({
  code: `code_${status}`,
  message: `short ${status}`,
  longMessage: `long message for ${status}`,
  meta: { param_name: "session_id" }
})
