import { createPrivateKey } from 'node:crypto';
import { contextAlgorithm, signWith, type AuthContext } from '../auth';
import { DEV_CONTEXT_PRIVATE_KEY } from '../config';

const devKey = createPrivateKey(DEV_CONTEXT_PRIVATE_KEY);
const header = { alg: contextAlgorithm(devKey), typ: 'JWT' };

/**
 * A verified context as the gateway signs it (with the development key every test hub uses), for calling a
 * subgraph directly: `audience` is `subgraphAudience(name)`, or a list of them.
 */
export function signTestContext(auth: AuthContext, audience: string | string[], expiresIn: string | number = '60s'): Promise<string> {
  return signWith(auth, devKey, header, audience, expiresIn);
}
