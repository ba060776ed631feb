/**
 * The two submission services of RFC 8314: "implicit" is submissions (465, TLS from the first byte),
 * "starttls" is submission (587, upgraded with STARTTLS). Cases name kinds, not numbers, because an
 * external host may publish them elsewhere.
 */
export type PortKind = 'implicit' | 'starttls';
export const PORT_KINDS: readonly PortKind[] = ['implicit', 'starttls'];
export const DEFAULT_PORT: Record<PortKind, number> = { implicit: 465, starttls: 587 };
