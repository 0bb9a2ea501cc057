/**
 * What the runtime matrix relies on, checked without the other runtimes
 * (issue 17, points 1 and 2 where Node can test them): the SDK's main entry
 * and the matrix's Worker program bundle for workerd and browsers with no
 * Node built-in, while NodeTransport is the one entry that needs node:http;
 * the consumer folder installs the packed form (dist), never src.
 * The matrix itself (`pnpm runtimes`) checks the built dist the same way.
 */
import { mkdtempSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { afterAll, describe, expect, it } from "vitest"
import { bundleForWorkers, PACKAGE_DIR, packedManifest, ROOT } from "../src/consumer.js"

const out = mkdtempSync(join(tmpdir(), "clerk-effect-worker-bundle-"))
afterAll(() => rmSync(out, { recursive: true, force: true }))

describe("bundles for workerd and browsers", () => {
  it("the main entry of @clerk-effect/backend imports no Node built-in", async () => {
    const bundle = await bundleForWorkers(join(ROOT, "packages/backend/src/index.ts"), join(out, "backend.js"))
    expect(bundle.nodeImports).toEqual([])
    expect(bundle.bytes).toBeGreaterThan(0)
  })

  it("the matrix's Worker (Clerk.layerEnv, Clerk.layerConfig, the fetch transports, Clerk.transport) imports no Node built-in", async () => {
    const bundle = await bundleForWorkers(join(PACKAGE_DIR, "src/effect3/worker.ts"), join(out, "worker.js"))
    expect(bundle.nodeImports).toEqual([])
  })

  it("the main entry of @clerk-effect/testing (the in-process fake) imports no Node built-in: its server face is loaded only when a server layer is built", async () => {
    const bundle = await bundleForWorkers(join(ROOT, "packages/testing/src/index.ts"), join(out, "testing.js"))
    expect(bundle.nodeImports).toEqual([])
  })

  it("the main entry of @clerk-effect/fake imports no Node built-in; its server entry does", async () => {
    const bundle = await bundleForWorkers(join(ROOT, "packages/fake/src/index.ts"), join(out, "fake.js"))
    expect(bundle.nodeImports).toEqual([])
    await expect(
      bundleForWorkers(join(ROOT, "packages/fake/src/server.ts"), join(out, "fake-server.js"))
    ).rejects.toThrow(/node:/)
  })

  it("the effect-4 edition: backend-effect4's main entry and the matrix's effect-4 Worker import no Node built-in", async () => {
    const backend = await bundleForWorkers(
      join(ROOT, "packages/backend-effect4/src/index.ts"),
      join(out, "backend-effect4.js")
    )
    expect(backend.nodeImports).toEqual([])
    const worker = await bundleForWorkers(
      join(ROOT, "packages/runtimes-effect4/src/effect4/worker.ts"),
      join(out, "worker-effect4.js")
    )
    expect(worker.nodeImports).toEqual([])
  })

  it("the main entry of @clerk-effect/testing-effect4 (the effect-4 in-process fake) bundles for workerd: its loopback face's module name is a variable a bundler does not follow", async () => {
    const bundle = await bundleForWorkers(
      join(ROOT, "packages/testing-effect4/src/index.ts"),
      join(out, "testing-effect4.js")
    )
    expect(bundle.nodeImports).toEqual([])
  })

  it("NodeTransport is the entry that needs node:http, so a Worker bundle of it fails to resolve", async () => {
    await expect(
      bundleForWorkers(join(ROOT, "packages/backend/src/NodeTransport.ts"), join(out, "node-transport.js"))
    ).rejects.toThrow(/node:http/)
  })
})

describe("packedManifest", () => {
  it("applies publishConfig (exports to dist) and makes workspace ranges exact, as pnpm pack does", () => {
    const packed = packedManifest({
      name: "@clerk-effect/backend",
      exports: { ".": "./src/index.ts" },
      dependencies: { "@clerk-effect/core": "workspace:*", jose: "6.2.18" },
      devDependencies: { vitest: "3.2.7" },
      publishConfig: { access: "public", exports: { ".": { import: "./dist/esm/index.js" } } }
    })
    expect(packed).toEqual({
      name: "@clerk-effect/backend",
      exports: { ".": { import: "./dist/esm/index.js" } },
      dependencies: { "@clerk-effect/core": "0.0.0", jose: "6.2.18" }
    })
  })
})
