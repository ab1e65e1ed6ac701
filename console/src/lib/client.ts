import { cacheExchange, Client, fetchExchange } from 'urql';
import { currentSession, hubBase } from './auth';

/** The console reads and writes only through /graphql, like any client, with the signed-in person's token. */
export function createClient(): Client {
  return new Client({
    url: `${hubBase()}/graphql`,
    exchanges: [cacheExchange, fetchExchange],
    requestPolicy: 'cache-and-network',
    preferGetMethod: false,
    fetchOptions: (): RequestInit => {
      const token = currentSession()?.accessToken;
      const headers: Record<string, string> = token ? { authorization: `Bearer ${token}` } : {};
      return { headers };
    },
  });
}
