import { defineCase } from '../../harness/model/case.ts';
import { replyText } from '../../harness/smtp/reply.ts';

type Step = { command: string; code: number; text: string };
type Observation = { steps: Step[] };

/**
 * Codes that conform per command: 530 everywhere (RFC 3207 §4); 503 to RCPT and DATA, which are also
 * out of sequence (RFC 5321 §4.1.4); for AUTH, 538 (RFC 4954 §6) or 504, RFC 4954 §4's reply to a
 * mechanism that "requires an encryption layer".
 */
const CONFORMING: Record<string, number[]> = {
  MAIL: [530],
  RCPT: [530, 503],
  DATA: [530, 503],
  AUTH: [530, 538, 504],
  NOOP: [250],
};

export const tlsRequiredBeforeMail = defineCase<Observation>({
  id: 'rfc3207/4/tls-required',
  title: 'Before TLS, MAIL, RCPT, DATA and AUTH get 530; NOOP still works',
  requirements: ['R3207-4d'],
  level: 'SHOULD',
  category: 'conformance',
  source: {
    rfc: 'RFC 3207',
    section: '4',
    text:
      '“In this case, the server SHOULD return the reply code: 530 Must issue a STARTTLS command first to every command other than NOOP, EHLO, STARTTLS, or QUIT.” ' +
      'Also conforming: 503 to RCPT and DATA, which are out of sequence too (RFC 5321 §4.1.4: “a 503 failure reply MUST be returned”); to AUTH, 538 (RFC 4954 §6) or 504 ' +
      '(RFC 4954 §4: “If the requested authentication mechanism is invalid (e.g., is not supported or requires an encryption layer), the server rejects the AUTH command with a 504 reply.”).',
  },
  ports: ['starttls'],
  expected: [
    'MAIL → 530',
    'RCPT and DATA → 530 (503 seen as acceptable: the command is also out of sequence)',
    'AUTH → 530, 538 or 504 (the mechanism requires an encryption layer)',
    'NOOP → 250',
  ],
  async run(ctx) {
    const { session } = await ctx.openWithEhlo('starttls');
    const steps: Step[] = [];
    for (const command of [`MAIL FROM:<${ctx.probeSender}>`, `RCPT TO:<${ctx.probeRecipient}>`, 'DATA', 'AUTH PLAIN', 'NOOP']) {
      const reply = await session.command(command);
      steps.push({ command: command.split(' ')[0] ?? command, code: reply.code, text: replyText(reply) });
      // A 354 would turn every later line into message text, a 334 into SASL data: stop or cancel.
      if (reply.code === 354) break;
      if (reply.code === 334) await session.command('*');
    }
    return { steps };
  },
  judge({ steps }) {
    const wrong = steps.filter((s) => !(CONFORMING[s.command] ?? []).includes(s.code));
    const actual = steps.map((s) => `${s.command} → ${s.text}`).join('; ');
    if (wrong.length > 0) return { outcome: 'violates', actual, seen: `unexpected: ${wrong.map((s) => `${s.command} ${s.code}`).join(', ')}` };
    return { outcome: 'conforms', actual, seen: steps.map((s) => `${s.command} ${s.code}`).join(', ') };
  },
});
