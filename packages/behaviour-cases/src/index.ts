/** The cases live one module per suite (`@clerk-effect/behaviour-cases/<suite>`); this entry exports nothing. */
export {}
