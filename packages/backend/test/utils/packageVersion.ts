import { readFileSync } from "node:fs"

/** The version in packages/backend/package.json: what the User-Agent must say. */
export const packageVersion: string = JSON.parse(
  readFileSync(new URL("../../package.json", import.meta.url), "utf8")
).version
