import { ContextVerifier, DEV_CONTEXT_PUBLIC_KEY, Role, subgraphAudience } from '@corphub/module-kit';
import { signTestContext } from '@corphub/module-kit/testing';

describe('a subgraph verifying the gateway context', () => {
  const alice = { subject: 'alice', corpId: 'corp-a', role: Role.EMPLOYEE, unionId: 'un_alice' };
  afterEach(() => jest.useRealTimers());

  it('remembers a verified context by its text until it expires, then refuses it', async () => {
    jest.useFakeTimers({ doNotFake: ['nextTick', 'setImmediate'] });
    const verifier = new ContextVerifier({ contextPublicKey: DEV_CONTEXT_PUBLIC_KEY }, 'directory');
    const context = await signTestContext(alice, subgraphAudience('directory'), '60s');
    const first = await verifier.verify(context);
    expect(first).toEqual({ ...alice, appId: undefined });
    // answered from memory: the very same object
    expect(await verifier.verify(context)).toBe(first);
    jest.advanceTimersByTime(61_000);
    await expect(verifier.verify(context)).rejects.toMatchObject({ message: 'Token expired', extensions: { code: 'UNAUTHENTICATED' } });
  });

  it('never remembers a refusal, nor answers another audience from memory', async () => {
    const directory = new ContextVerifier({ contextPublicKey: DEV_CONTEXT_PUBLIC_KEY }, 'directory');
    const okr = new ContextVerifier({ contextPublicKey: DEV_CONTEXT_PUBLIC_KEY }, 'okr');
    const forOkr = await signTestContext(alice, subgraphAudience('okr'));
    expect(await okr.verify(forOkr)).toMatchObject({ subject: 'alice' });
    for (let attempt = 0; attempt < 2; attempt++) await expect(directory.verify(forOkr)).rejects.toMatchObject({ extensions: { code: 'UNAUTHENTICATED' } });
  });

  it('refuses to start without a key, or with a key that is not Ed25519 or P-256', () => {
    expect(() => new ContextVerifier({}, 'directory')).toThrow(/CORPHUB_CONTEXT_JWKS_URL or CORPHUB_CONTEXT_PUBLIC_KEY/);
    expect(() => new ContextVerifier({ contextPublicKey: 'not a key' }, 'directory')).toThrow(/SPKI PEM/);
  });
});
