/**
 * Canned Clerk bodies in the wire (snake_case) format, shaped like what Clerk
 * answers for the 2026-05-12 API version. Every benchmark decodes these.
 *
 * @since 0.1.0
 */

/**
 * One session as Clerk sends it, with a latest activity (the common case for a
 * session created from a browser).
 *
 * @since 0.1.0
 * @category fixtures
 */
export const wireSession = (index: number) => ({
  object: "session",
  id: `sess_${index.toString().padStart(27, "0")}`,
  user_id: "user_2abcdefghijklmnopqrstuvwxyz",
  client_id: "client_2abcdefghijklmnopqrstuvwxy",
  actor: null,
  status: "active",
  last_active_organization_id: null,
  last_active_at: 1764300000000 + index,
  latest_activity: {
    object: "session_activity",
    id: `sess_activity_${index}`,
    device_type: "Macintosh",
    is_mobile: false,
    browser_name: "Chrome",
    browser_version: "131.0.0.0",
    ip_address: "203.0.113.7",
    city: "Berlin",
    country: "DE"
  },
  expire_at: 1764904800000,
  abandon_at: 1766892000000,
  updated_at: 1764300000000 + index,
  created_at: 1764300000000,
  tasks: null
})

/**
 * The body of `GET /v1/sessions?paginated=true` for one page.
 *
 * @since 0.1.0
 * @category fixtures
 */
export const listPageBody = (offset: number, limit: number, total: number): string => {
  const end = Math.min(total, offset + limit)
  const data: Array<ReturnType<typeof wireSession>> = []
  for (let i = offset; i < end; i++) data.push(wireSession(i))
  return JSON.stringify({ data, total_count: total })
}

/**
 * The session every `get` answers with.
 *
 * @since 0.1.0
 * @category fixtures
 */
export const SESSION_ID = "sess_2bench000000000000000000000"

/**
 * @since 0.1.0
 * @category fixtures
 */
export const SECRET_KEY = "sk_test_bench_not_a_real_key_000000000000"
