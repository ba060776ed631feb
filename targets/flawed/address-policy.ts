import type { Variant } from './variants.ts';

/**
 * The address policy of the local-addresses variants: the flawed target then serves one domain, as
 * an MSA of a closed mail system does. It takes a MAIL FROM in that domain only (RFC 6409 §6.1: an MSA
 * MAY refuse a sender with insufficient submission rights, "Reply code 550 with an appropriate
 * enhanced status code …, such as 5.7.1") and relays to that domain only. `refusals-at-rcpt` applies
 * both rules at RCPT, as Postfix does with smtpd_delay_reject (its own codes: 553 and 554, 5.7.1).
 */
export const LOCAL_DOMAIN = 'example.net';

export const POLICY_REPLIES = {
  senderNotOwned: '550 5.7.1 Sender address rejected: not owned by the authenticated user',
  relayDenied: '550 5.7.1 Relay access denied',
  senderRejectedAtRcpt: '553 5.7.1 Sender address rejected: not owned by the authenticated user',
  relayDeniedAtRcpt: '554 5.7.1 Relay access denied',
} as const;

function isLocal(address: string): boolean {
  return address.slice(address.lastIndexOf('@') + 1).toLowerCase() === LOCAL_DOMAIN;
}

/** The refusal of a MAIL FROM under the variants on, if any. */
export function refuseSender(variants: ReadonlySet<Variant>, sender: string): string | undefined {
  if (!variants.has('local-addresses-only') || variants.has('refusals-at-rcpt')) return undefined;
  return isLocal(sender) ? undefined : POLICY_REPLIES.senderNotOwned;
}

/** The refusal of a RCPT TO in a transaction from `sender` under the variants on, if any. */
export function refuseRecipient(variants: ReadonlySet<Variant>, sender: string, recipient: string): string | undefined {
  const atRcpt = variants.has('refusals-at-rcpt');
  if (!atRcpt && !variants.has('local-addresses-only')) return undefined;
  if (atRcpt && !isLocal(sender)) return POLICY_REPLIES.senderRejectedAtRcpt;
  if (isLocal(recipient)) return undefined;
  return atRcpt ? POLICY_REPLIES.relayDeniedAtRcpt : POLICY_REPLIES.relayDenied;
}
