import { authSucceeds } from '../common/auth-succeeds.ts';

export const authLoginSucceeds = authSucceeds('LOGIN', (ctx, s) => ctx.authLogin(s), { flaw: 'auth-broken', verdict: 'FAIL' });

export default authLoginSucceeds;
