import { createPrivateKey, generateKeyPairSync } from 'node:crypto';
import { ContextVerifier, contextAlgorithm, DEV_CONTEXT_PUBLIC_KEY, Role, signatureJwk, signWith, subgraphAudience } from '@corphub/module-kit';
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

  it('during a key rotation accepts the current and the next key, picked by kid, and refuses any other', async () => {
    const pair = () => {
      const { privateKey, publicKey } = generateKeyPairSync('ed25519', { privateKeyEncoding: { type: 'pkcs8', format: 'pem' }, publicKeyEncoding: { type: 'spki', format: 'pem' } });
      return { privateKey: createPrivateKey(privateKey), publicKey };
    };
    const [current, next, stranger] = [pair(), pair(), pair()];
    const sign = (key: typeof current, header: 'kid' | 'no kid' | 'wrong kid' = 'kid') => {
      const kid = header === 'kid' ? signatureJwk(key.privateKey, 'EdDSA').kid : header === 'wrong kid' ? signatureJwk(next.privateKey, 'EdDSA').kid : undefined;
      return signWith(alice, key.privateKey, { alg: contextAlgorithm(key.privateKey), typ: 'JWT', ...(kid ? { kid } : {}) }, subgraphAudience('directory'), '60s');
    };
    const rolling = new ContextVerifier({ contextPublicKey: current.publicKey, contextNextPublicKey: next.publicKey }, 'directory');
    expect(await rolling.verify(await sign(current))).toMatchObject({ subject: 'alice' });
    expect(await rolling.verify(await sign(next))).toMatchObject({ subject: 'alice' });
    // a context without a kid is tried against both
    expect(await rolling.verify(await sign(next, 'no kid'))).toMatchObject({ subject: 'alice' });
    await expect(rolling.verify(await sign(stranger))).rejects.toMatchObject({ message: 'Token was signed with an unknown key', extensions: { code: 'UNAUTHENTICATED' } });
    await expect(rolling.verify(await sign(stranger, 'no kid'))).rejects.toMatchObject({ extensions: { code: 'UNAUTHENTICATED' } });
    await expect(rolling.verify(await sign(stranger, 'wrong kid'))).rejects.toMatchObject({ message: 'Token signature is invalid' });
    // before the rotation (or after it) only the one key
    const before = new ContextVerifier({ contextPublicKey: current.publicKey }, 'directory');
    await expect(before.verify(await sign(next))).rejects.toMatchObject({ message: 'Token was signed with an unknown key' });
    expect(() => new ContextVerifier({ contextPublicKey: current.publicKey, contextNextPublicKey: 'not a key' }, 'directory')).toThrow(/CORPHUB_CONTEXT_NEXT_PUBLIC_KEY must be an SPKI PEM/);
  });
});
