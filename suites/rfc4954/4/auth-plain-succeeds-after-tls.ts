import { authSucceeds } from '../common/auth-succeeds.ts';

export const authPlainSucceeds = authSucceeds('PLAIN', (ctx, s) => ctx.authPlain(s), { flaw: 'auth-broken', verdict: 'FAIL' });

export default authPlainSucceeds;
