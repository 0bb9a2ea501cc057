/**
 * Random tokens for the differential property: header fields, claims, the
 * signing key, the encoding and the verify options, each usually valid and
 * sometimes one of its odd values, so that accepted tokens stay common.
 * Plain data, so that a counterexample prints readably; `toSpec` builds it.
 */
import * as fc from "fast-check"
import type { DiffOptions, Mode, SignAs, Spec } from "./tokenDifferential.js"
import {
  APP,
  CAT_IGNORE,
  CAT_M2M,
  CAT_SESSION,
  CAT_TEMPLATE,
  ISSUER,
  OTHER,
  smallKey,
  strayBits,
  tamperClaims
} from "./tokenDifferential.js"
import { intruderKey, keyA, keyB, NOW } from "./tokenKeys.js"

/** The usual value twelve times in thirteen, else one of the others. */
const mostly = <A>(usual: ReadonlyArray<A>, ...others: Array<A>) =>
  fc.oneof({ weight: 12, arbitrary: fc.constantFrom(...usual) }, { weight: 1, arbitrary: fc.constantFrom(...others) })

const ODD_TIMES = [undefined, null, "0", 0, -0.5, -1e13, 1e13, 8.64e12, 8.64e12 + 1, -8.64e12 - 1, Infinity, -Infinity]

/** A JWT time: a valid one, one within 3 s of `edge` (fractions included), or an odd one. */
const time = (valid: number, edge: number) =>
  fc.oneof(
    { weight: 8, arbitrary: fc.constant<unknown>(valid) },
    {
      weight: 3,
      arbitrary: fc
        .tuple(fc.integer({ min: -3, max: 3 }), fc.constantFrom(0, 0.001, 0.5, 0.999))
        .map(([seconds, fraction]): unknown => edge + seconds + fraction)
    },
    { weight: 1, arbitrary: fc.constantFrom<unknown>(...ODD_TIMES) }
  )

const KEYS = { A: keyA, B: keyB, intruder: intruderKey, small: smallKey }

/** Which key signs, and which kid the header names: key A mostly, key B (only in the JWKS) often. */
const identity = fc.oneof(
  { weight: 8, arbitrary: fc.constant<readonly [keyof typeof KEYS, unknown]>(["A", keyA.kid]) },
  { weight: 3, arbitrary: fc.constant<readonly [keyof typeof KEYS, unknown]>(["B", keyB.kid]) },
  {
    weight: 2,
    arbitrary: fc.constantFrom<readonly [keyof typeof KEYS, unknown]>(
      ["A", undefined],
      ["A", "7"],
      ["A", 7],
      ["A", "ins_unknown"],
      ["A", keyB.kid],
      ["intruder", keyA.kid],
      ["small", smallKey.kid]
    )
  }
)

/** Claims we type, right and wrong, and a claim that makes the token huge. */
const EXTRAS: ReadonlyArray<Record<string, unknown>> = [
  { act: { sub: "user_admin" } },
  { act: "user_admin" },
  { act: { sub: 1 } },
  { v: undefined },
  { v: "2" },
  { sts: "pending" },
  { sts: 1 },
  { fva: [3, -1] },
  { fva: [3] },
  { fea: "o:billing", pla: "u:free" },
  { fea: 1 },
  { o: { id: "org_1", rol: "admin" } },
  { o: { id: 1 } },
  { v: undefined, org_id: "org_1", org_permissions: ["org:x:y"] },
  { org_permissions: [1] },
  { org_slug: null },
  { blob: "x".repeat(17_000) }
]

export const propertyCase = fc.record({
  header: fc.record({
    alg: fc.oneof(
      { weight: 8, arbitrary: fc.constant<unknown>("RS256") },
      { weight: 2, arbitrary: fc.constantFrom<unknown>("RS384", "RS512") },
      { weight: 1, arbitrary: fc.constantFrom<unknown>("HS256", "none", "PS256", undefined) }
    ),
    typ: mostly<unknown>(["JWT", undefined], "jwt", "at+jwt", "application/at+jwt", null),
    cat: mostly<unknown>([undefined, CAT_SESSION, CAT_IGNORE], CAT_TEMPLATE, CAT_M2M, null, ""),
    crit: mostly<string | undefined>([undefined], "b64", "x")
  }),
  identity,
  /** `undefined`: sign with the header's alg (RS256 when it cannot). */
  signAs: mostly<SignAs | undefined>([undefined], "RS256", "RS512"),
  claims: fc.record({
    sid: mostly<unknown>(["sess_123"], undefined, 123, null),
    sub: mostly<unknown>(["user_123"], undefined, 1, ""),
    iss: mostly<unknown>([ISSUER], OTHER, undefined, 1),
    azp: mostly<unknown>([APP], undefined, OTHER, "", 1),
    exp: time(NOW + 58, NOW - 5),
    nbf: time(NOW - 12, NOW + 5),
    iat: time(NOW - 2, NOW + 5)
  }),
  extras: fc.oneof(
    { weight: 2, arbitrary: fc.constant([]) },
    { weight: 1, arbitrary: fc.array(fc.constantFrom(...EXTRAS), { minLength: 1, maxLength: 2 }) }
  ),
  encoding: mostly(["canonical"], "padHeader", "padPayload", "padSignature", "whitespace", "strayBits", "tamper"),
  options: fc.record({
    authorizedParties: mostly<Array<string> | undefined>([undefined, [APP]], [], [""], [OTHER], [APP, OTHER]),
    issuer: mostly<string | Array<string> | undefined>([undefined, ISSUER], [ISSUER], [], [""], "", OTHER, [OTHER]),
    skewMs: mostly<number | undefined>([undefined], 0, 1000, 60_000),
    nowMs: fc.oneof(fc.constant(NOW * 1000), fc.integer({ min: NOW * 1000, max: NOW * 1000 + 999 }))
  }),
  mode: fc.constantFrom<Mode>("pem", "jwks")
})

export type PropertyCase = typeof propertyCase extends fc.Arbitrary<infer A> ? A : never

const ENCODINGS: Record<string, Pick<Spec, "segments" | "after">> = {
  canonical: {},
  padHeader: { segments: (h, p) => [`${h}=`, p] },
  padPayload: { segments: (h, p) => [h, `${p}==`] },
  padSignature: { after: (token) => `${token}=` },
  whitespace: { segments: (h, p) => [h, ` ${p}`] },
  strayBits: { after: strayBits },
  tamper: { after: tamperClaims }
}

export const toSpec = (data: PropertyCase): Spec => {
  const [keyName, kid] = data.identity
  const crit =
    data.header.crit === "b64" ? { crit: ["b64"], b64: true } : data.header.crit === "x" ? { crit: ["x"] } : {}
  return {
    header: { alg: data.header.alg, typ: data.header.typ, cat: data.header.cat, kid, ...crit },
    claims: Object.assign({}, data.claims, ...data.extras),
    key: KEYS[keyName],
    ...(data.signAs !== undefined ? { signAs: data.signAs } : {}),
    ...ENCODINGS[data.encoding]
  }
}

export const toOptions = (data: PropertyCase): DiffOptions => {
  const { authorizedParties, issuer, nowMs, skewMs } = data.options
  return {
    nowMs,
    ...(authorizedParties !== undefined ? { authorizedParties } : {}),
    ...(issuer !== undefined ? { issuer } : {}),
    ...(skewMs !== undefined ? { skewMs } : {})
  }
}
