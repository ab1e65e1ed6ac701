import { ContextSigningKey, type AuthContext } from '../auth';
import { DEV_CONTEXT_PRIVATE_KEY } from '../config';

const devKey = new ContextSigningKey(DEV_CONTEXT_PRIVATE_KEY);

/**
 * A verified context as the gateway signs it (with the development key every test hub uses), for calling a
 * subgraph directly: `audience` is `subgraphAudience(name)`, or a list of them.
 */
export function signTestContext(auth: AuthContext, audience: string | string[], expiresIn?: string | number): Promise<string> {
  return devKey.sign(auth, audience, expiresIn);
}
