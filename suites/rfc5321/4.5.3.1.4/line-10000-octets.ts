import { overLongLine } from '../common/over-long-line.ts';

/** 10,000 octets: twenty times the limit, no client's command; abnormal input (RFC 5321 §7.8). */
export const line10k = overLongLine(10_000, true, {
  flaw: 'long-line-drop',
  verdict: 'FAIL',
  // chasquid's 554 and close after a line over 4 KiB: a defence against abnormal input (RFC 5321 §7.8).
  greenOn: ['long-line-554-close'],
});

export default line10k;
