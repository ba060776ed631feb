import { defineCase, NO_CREDENTIALS } from '../../../harness/model/case.ts';
import { replyText } from '../../../harness/smtp/reply.ts';

type SecondAuthObservation = { noCredentials?: boolean; again?: string; againCode?: number; inTransaction?: string; inTransactionCode?: number };

export const noAuthAfterAuth = defineCase<SecondAuthObservation>({
  id: 'rfc4954/4/no-auth-after-auth',
  title: 'After a successful AUTH, another AUTH gets 503, also inside a mail transaction',
  requirements: ['R4954-4b'],
  level: 'MUST',
  category: 'conformance',
  source: {
    rfc: 'RFC 4954',
    section: '4',
    text: '“After a successful AUTH command completes, a server MUST reject any further AUTH commands with a 503 reply.” “An AUTH command issued during a mail transaction MUST be rejected with a 503 reply.”',
  },
  ports: ['implicit', 'starttls'],
  expected: ['second AUTH → 503', 'AUTH after MAIL → 503'],
  proof: { flaw: 'reauth', verdict: 'FAIL', greenOn: ['local-addresses-only'] },
  async run(ctx) {
    if (!ctx.credentials) return { noCredentials: true };
    const { session } = await ctx.openAuthenticated();
    const again = await ctx.authPlain(session);
    if (again.code === 334) await session.command('*');
    const mail = await session.command(`MAIL FROM:<${ctx.sender}>`);
    if (mail.code !== 250) return { again: replyText(again), againCode: again.code, inTransaction: `MAIL refused: ${replyText(mail)}` };
    const inTransaction = await ctx.authPlain(session);
    return { again: replyText(again), againCode: again.code, inTransaction: replyText(inTransaction), inTransactionCode: inTransaction.code };
  },
  judge(o) {
    if (o.noCredentials) return NO_CREDENTIALS;
    const actual = `second AUTH → ${o.again}; AUTH during the transaction → ${o.inTransaction}`;
    const ok = o.againCode === 503 && (o.inTransactionCode === undefined || o.inTransactionCode === 503);
    return { outcome: ok ? 'conforms' : 'violates', actual };
  },
});

export default noAuthAfterAuth;
