/**
 * The package's version, for the `User-Agent`. Written from package.json by
 * the build (scripts/build-package.mjs); a test keeps the source in step.
 * @internal
 */
export const PACKAGE_VERSION = "0.0.0"
