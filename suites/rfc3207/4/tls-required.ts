import { defineCase } from '../../../harness/model/case.ts';
import type { CaseContext } from '../../../harness/run/case-context.ts';
import { HarnessError } from '../../../harness/smtp/errors.ts';
import type { SmtpSession } from '../../../harness/smtp/smtp-session.ts';
import { replyText } from '../../../harness/smtp/reply.ts';

/** `connection`: which connection of the case answered (1-based); `after421`: asked again there after a 421. */
type Step = { command: string; code: number; text: string; connection?: number; after421?: string };
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

/**
 * Every command but NOOP provokes a refusal, and servers may close after a few (RFC 5321 §7.8;
 * chasquid answers its third refused command with "421 4.5.0 Too many errors" and closes): at most
 * two refusals per connection, each group on a fresh one.
 */
const groups = (ctx: CaseContext): readonly (readonly string[])[] => [[`MAIL FROM:<${ctx.probeSender}>`, `RCPT TO:<${ctx.probeRecipient}>`], ['DATA', 'AUTH PLAIN'], ['NOOP']];

/** A connection greeted and past EHLO, before TLS. */
async function fresh(ctx: CaseContext): Promise<SmtpSession> {
  return (await ctx.openWithEhlo('starttls')).session;
}

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
    'a 421 (RFC 5321 §3.8: the server closes) is not the command\'s answer: it is asked again on a fresh connection',
  ],
  // 504 to AUTH (RFC 4954 §4), and chasquid's 421 after its third refusal: asked again on a fresh connection.
  proof: { flaw: 'plaintext-mail', verdict: 'WARN', greenOn: ['auth-504-before-tls', 'too-many-errors-421'] },
  async run(ctx) {
    const steps: Step[] = [];
    let connection = 0;
    for (const group of groups(ctx)) {
      let session = await fresh(ctx);
      connection += 1;
      for (const command of group) {
        const verb = command.split(' ')[0] ?? command;
        let reply = await session.command(command);
        let after421: string | undefined;
        if (reply.code === 421) {
          // RFC 5321 §3.8: 421 may come after any command, and the server then closes; it answers
          // the connection, not the command, which is asked again on a fresh connection.
          after421 = replyText(reply);
          session.close();
          session = await fresh(ctx);
          connection += 1;
          reply = await session.command(command);
          if (reply.code === 421) throw new HarnessError(`${verb} got 421 again on a fresh connection: ${replyText(reply)}`, 'closed');
        }
        steps.push({ command: verb, code: reply.code, text: replyText(reply), connection, ...(after421 ? { after421 } : {}) });
        // A 354 would turn every later line into message text, a 334 into SASL data: stop or cancel.
        if (reply.code === 354) return { steps };
        if (reply.code === 334) await session.command('*');
      }
      session.close();
    }
    return { steps };
  },
  judge({ steps }) {
    const wrong = steps.filter((s) => !(CONFORMING[s.command] ?? []).includes(s.code));
    const actual = steps.map((s) => `${s.command} → ${s.after421 ? `${s.after421}; on a fresh connection: ` : ''}${s.text}`).join('; ');
    if (wrong.length > 0) return { outcome: 'violates', actual, seen: `unexpected: ${wrong.map((s) => `${s.command} ${s.code}`).join(', ')}` };
    return { outcome: 'conforms', actual, seen: steps.map((s) => `${s.command} ${s.code}`).join(', ') };
  },
});

export default tlsRequiredBeforeMail;
