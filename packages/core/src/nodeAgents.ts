/**
 * `NodeTransport`'s keep-alive agents and the rules of their settings. Node
 * only, no Effect: imported by each edition's `NodeTransport.ts` alone.
 *
 * @internal
 */
import * as http from "node:http"
import * as https from "node:https"
import type { Agents } from "./nodeHttpSend.js"

/**
 * Settings of the keep-alive agents (one for `http:`, one for `https:`).
 * @internal
 */
export interface NodeAgentOptions {
  /** Sockets per host at most. Default: unbounded, as Node's own agents. */
  readonly maxSockets?: number | undefined
  /**
   * How long an idle socket is kept for the next request, in ms. Default
   * 5,000, as Node's own global agent: shorter than the idle timeout of
   * most servers and proxies, so a kept socket is rarely one the other side
   * has already closed.
   */
  readonly freeSocketTimeout?: number | undefined
}

/**
 * Node's agents take any number here and misbehave later (no socket at all
 * with `maxSockets: 0`, a throw on first use with a negative timeout): a
 * setting that cannot work is refused when the transport is built.
 * @internal
 */
export const agentOptionProblems = (options: NodeAgentOptions): ReadonlyArray<string> => [
  ...(options.maxSockets === undefined || (Number.isInteger(options.maxSockets) && options.maxSockets >= 1)
    ? []
    : ["maxSockets must be an integer >= 1"]),
  ...(options.freeSocketTimeout === undefined ||
  (Number.isFinite(options.freeSocketTimeout) && options.freeSocketTimeout >= 0)
    ? []
    : ["freeSocketTimeout must be a number of milliseconds >= 0"])
]

/**
 * New agents for checked options.
 * @internal
 */
export const makeAgents = (options: NodeAgentOptions): Agents => {
  const settings = {
    keepAlive: true,
    timeout: options.freeSocketTimeout ?? 5_000,
    ...(options.maxSockets === undefined ? {} : { maxSockets: options.maxSockets })
  }
  return { http: new http.Agent(settings), https: new https.Agent(settings) }
}

/**
 * Closes the agents: every idle socket destroyed.
 * @internal
 */
export const destroyAgents = (agents: Agents): void => {
  agents.http.destroy()
  agents.https.destroy()
}
