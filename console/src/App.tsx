import { useEffect, useMemo, useState } from 'react';
import { BrowserRouter, Navigate, NavLink, Route, Routes, useLocation, useNavigate } from 'react-router';
import { Provider, useQuery } from 'urql';
import { useTranslation } from 'react-i18next';
import { graphql } from './gql';
import { completeSignIn, currentSession, hubBase, signIn, signOut } from './lib/auth';
import { createClient } from './lib/client';
import { LANGUAGES, setLanguage } from './lib/i18n';
import { ErrorText, Loading } from './lib/states';
import { DepartmentScreen } from './screens/Department';
import { OverviewScreen } from './screens/Overview';
import { ApprovalScreen, ApprovalsScreen } from './screens/Approvals';
import { MessagesScreen } from './screens/Messages';
import { GraphiqlSignIn } from './screens/GraphiqlSignIn';
import { PeopleScreen } from './screens/People';
import { PersonScreen } from './screens/Person';
import { ModuleScreen, ModulesScreen } from './screens/Modules';
import { AuditScreen } from './screens/Audit';

const ViewerQuery = graphql(`
  query Viewer {
    me {
      role
      unionId
      corp {
        id
        name
      }
      person {
        displayName
      }
    }
  }
`);

const SCREENS = ['overview', 'department', 'approvals', 'people', 'modules', 'messages', 'audit'] as const;

function Placeholder() {
  const { t } = useTranslation();
  return <p className="state">{t('placeholder')}</p>;
}

function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  return (
    <label className="language">
      <span className="visually-hidden">{t('language')}</span>
      <select value={i18n.language} onChange={(event) => setLanguage(event.target.value)} aria-label={t('language')}>
        {LANGUAGES.map((language) => (
          <option key={language.code} value={language.code}>
            {language.label}
          </option>
        ))}
      </select>
    </label>
  );
}

/** The signed-in frame: header, navigation, the screen. */
function Shell({ onSignOut }: { onSignOut: () => void }) {
  const { t } = useTranslation();
  const [viewer] = useQuery({ query: ViewerQuery });
  const me = viewer.data?.me;
  const graphiqlLink = `${hubBase()}/graphiql#access_token=${encodeURIComponent(currentSession()?.accessToken ?? '')}`;
  return (
    <>
      <a className="skip" href="#main">
        {t('skip')}
      </a>
      <header className="top">
        <strong className="brand">{t('appName')}</strong>
        {me && <span className="who">{t('signedInAs', { name: me.person?.displayName ?? me.unionId, role: me.role.toLowerCase(), corp: me.corp.name })}</span>}
        <LanguageSwitch />
        <button type="button" onClick={onSignOut}>
          {t('signOut')}
        </button>
      </header>
      <nav aria-label="Console">
        <ul>
          {SCREENS.map((screen) => (
            <li key={screen}>
              <NavLink to={`/${screen}`}>{t(`nav.${screen}`)}</NavLink>
            </li>
          ))}
          <li>
            <a href={graphiqlLink} target="_blank" rel="noopener">
              {t('nav.graphiql')}
            </a>
          </li>
        </ul>
      </nav>
      <main id="main" tabIndex={-1}>
        {viewer.error && <ErrorText error={viewer.error} />}
        <Routes>
          <Route path="/" element={<Navigate to="/overview" replace />} />
          <Route path="/overview" element={<OverviewScreen />} />
          <Route path="/approvals" element={<ApprovalsScreen />} />
          <Route path="/approvals/:id" element={<ApprovalScreen />} />
          <Route path="/messages" element={<MessagesScreen />} />
          <Route path="/department" element={<DepartmentScreen />} />
          <Route path="/department/:id" element={<DepartmentScreen />} />
          <Route path="/people" element={<PeopleScreen />} />
          <Route path="/people/:unionId" element={<PersonScreen />} />
          <Route path="/modules" element={<ModulesScreen />} />
          <Route path="/modules/:appId" element={<ModuleScreen />} />
          <Route path="/audit" element={<AuditScreen />} />
          <Route path="*" element={<Placeholder />} />
        </Routes>
      </main>
    </>
  );
}

/** Signed out, or not yet signed in: the sign-in button (no token is ever pasted). */
function SignedOut({ message }: { message?: string }) {
  const { t } = useTranslation();
  const location = useLocation();
  const returnTo = location.pathname.startsWith('/signed-out') || location.pathname.startsWith('/callback') ? '/' : location.pathname + location.search;
  return (
    <main id="main" className="signed-out">
      <h1>{t('appName')}</h1>
      {message && <p role="status">{message}</p>}
      <p>{t('signInPrompt')}</p>
      <button type="button" className="primary" onClick={() => void signIn(returnTo)}>
        {t('signIn')}
      </button>
      <LanguageSwitch />
    </main>
  );
}

function Callback({ onSignedIn }: { onSignedIn: () => void }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [error, setError] = useState<Error>();
  useEffect(() => {
    let cancelled = false;
    completeSignIn(new URL(location.href))
      .then((returnTo) => {
        if (cancelled) return;
        onSignedIn();
        void navigate(returnTo, { replace: true });
      })
      .catch((failure: Error) => !cancelled && setError(failure));
    return () => {
      cancelled = true;
    };
    // once, for this callback URL
  }, []);
  if (error) return <SignedOut message={t('signInFailed', { message: error.message })} />;
  return <Loading />;
}

function Routed() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [signedIn, setSignedIn] = useState(Boolean(currentSession()));
  // a new client per sign-in: nothing cached from the previous person
  const client = useMemo(() => createClient(), [signedIn]);
  const onSignOut = () => {
    void signOut().finally(() => {
      setSignedIn(false);
      void navigate('/signed-out', { replace: true });
    });
  };
  return (
    <Routes>
      <Route path="/callback" element={<Callback onSignedIn={() => setSignedIn(true)} />} />
      <Route path="/signed-out" element={<SignedOut message={t('signedOut')} />} />
      <Route path="/graphiql" element={<GraphiqlSignIn key={String(signedIn)} />} />
      <Route
        path="*"
        element={
          signedIn ? (
            <Provider value={client}>
              <Shell onSignOut={onSignOut} />
            </Provider>
          ) : (
            <SignedOut />
          )
        }
      />
    </Routes>
  );
}

export function App() {
  return (
    <BrowserRouter basename="/console">
      <Routed />
    </BrowserRouter>
  );
}
