/** The gateway remembers verified caller tokens by their exact text, never past their expiry. */
import { setTimeout as sleep } from 'node:timers/promises';
import { readSecurityConfig, Role } from '@corphub/module-kit';
import { CallerTokenVerifier, signCallerToken } from '../src/auth/tokens';
import { VerifiedCallers } from '../src/context';

describe('verified caller tokens', () => {
  const security = readSecurityConfig({});
  const callers = new VerifiedCallers(new CallerTokenVerifier(security));
  const auth = { subject: 'ann', corpId: 'acme', role: Role.EMPLOYEE, unionId: 'un_ann' };

  it('answers a token again from memory, and refuses it once it has expired', async () => {
    const token = await signCallerToken(auth, security.jwtSecret, '2s');
    expect(await callers.verify(token)).toEqual({ ...auth, appId: undefined });
    expect(await callers.verify(token)).toEqual({ ...auth, appId: undefined });
    await sleep(3_000);
    await expect(callers.verify(token)).rejects.toMatchObject({ extensions: { code: 'UNAUTHENTICATED' }, message: 'Token expired' });
  });

  it('never takes a token it did not verify for one it did', async () => {
    const good = await signCallerToken(auth, security.jwtSecret);
    await callers.verify(good);
    const forged = await signCallerToken({ ...auth, role: Role.ADMIN }, 'another-secret-that-is-long-enough-to-sign!!');
    await expect(callers.verify(forged)).rejects.toMatchObject({ extensions: { code: 'UNAUTHENTICATED' } });
    await expect(callers.verify(undefined)).rejects.toMatchObject({ extensions: { code: 'UNAUTHENTICATED' } });
  });
});
