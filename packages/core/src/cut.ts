/**
 * `text` cut to `max` characters, with an ellipsis saying so: how every
 * error keeps what it carries to a bounded size (docs/errors.md).
 * @internal
 */
export const cut = (text: string, max: number): string => (text.length > max ? `${text.slice(0, max)}…` : text)
