import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { currentSession, hubBase, signIn } from '../lib/auth';
import { ErrorText } from '../lib/states';

/**
 * /console/graphiql: GraphiQL's "Sign in" link. Signs in through the hub (PKCE) when needed, then opens /graphiql
 * with the token in the URL fragment, which the browser never sends to a server: nobody pastes a token.
 */
export function GraphiqlSignIn() {
  const { t } = useTranslation();
  const [error, setError] = useState<Error>();
  useEffect(() => {
    const session = currentSession();
    if (session) location.replace(`${hubBase()}/graphiql#access_token=${encodeURIComponent(session.accessToken)}`);
    else signIn('/graphiql').catch((failure: Error) => setError(failure));
  }, []);
  return (
    <main id="main" className="signed-out">
      <h1>{t('graphiqlSignIn.title')}</h1>
      {error ? <ErrorText error={error} /> : <p role="status">{t('graphiqlSignIn.redirecting')}</p>}
    </main>
  );
}
