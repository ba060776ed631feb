import { courier } from './courier/index.ts';
import { dovecot } from './dovecot/index.ts';
import { exim } from './exim/index.ts';
import { haraka } from './haraka/index.ts';
import { opensmtpd } from './opensmtpd/index.ts';
import { postfix } from './postfix/index.ts';
import { sendmail } from './sendmail/index.ts';

/**
 * The MTAs msaspec ships, each one folder (targets/<mta>/, its descriptor in index.ts), in the
 * order the registry, `--target all` and the reports list them. Adding an MTA is its folder plus its
 * entry here: the registry's targets (registry.ts), the findings table (findings.ts) and the
 * testcontainers modules (modules/index.ts) are derived from this list.
 */
export const MTAS = [postfix, exim, dovecot, haraka, courier, opensmtpd, sendmail] as const;

export type Mta = (typeof MTAS)[number];
