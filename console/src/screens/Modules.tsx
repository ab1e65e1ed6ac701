import { useEffect, useState, type FormEvent } from 'react';
import { Link, useParams } from 'react-router';
import { useMutation, useQuery, type CombinedError, type OperationResult } from 'urql';
import { useTranslation } from 'react-i18next';
import { graphql } from '../gql';
import type { ModuleCatalogueQuery } from '../gql/graphql';
import { indented, useDepartmentOptions } from '../lib/directory';
import { useViewerRole } from '../lib/viewer';
import { Empty, ErrorText, Loading } from '../lib/states';
import '../lib/i18n.screens-b';
import '../screens-b.css';

// the scope as the editor reads it, after a load and after a save alike
graphql(`
  fragment ScopeFields on AppScope {
    wholeCorp
    departmentIds
    tags
    unionIds
  }
`);

const ModuleCatalogueQuery = graphql(`
  query ModuleCatalogue {
    apps(first: 200) {
      nodes {
        appId
        name
        vendor
        description
        subgraph
        installation {
          status
          installedAt
          scope {
            ...ScopeFields
          }
        }
      }
    }
  }
`);

const InstallMutation = graphql(`
  mutation InstallModule($appId: ID!) {
    installApp(appId: $appId) {
      id
      status
    }
  }
`);

const UninstallMutation = graphql(`
  mutation UninstallModule($appId: ID!) {
    uninstallApp(appId: $appId) {
      id
      status
    }
  }
`);

const ScopeMutation = graphql(`
  mutation UpdateModuleScope($appId: ID!, $scope: AppScopeInput!) {
    updateInstallationScope(appId: $appId, scope: $scope) {
      id
      scope {
        ...ScopeFields
      }
    }
  }
`);

const TagOptionsQuery = graphql(`
  query TagOptions {
    tags {
      name
    }
  }
`);

const ModuleRegistryQuery = graphql(`
  query ModuleRegistry($name: String!) {
    moduleSubgraph(name: $name) {
      id
      name
      currentVersion
      retiredAt
    }
  }
`);

const ModuleVersionsQuery = graphql(`
  query ModuleVersions($name: String!) {
    subgraphVersions(name: $name, first: 20) {
      nodes {
        version
        publishedAt
        publishedBy
        forced
        changes {
          level
          path
          message
        }
      }
    }
  }
`);

const DeliveriesQuery = graphql(`
  query ModuleDeliveries($appId: ID!) {
    webhookDeliveries(appId: $appId, first: 50) {
      nodes {
        id
        eventType
        status
        attempts
        lastStatusCode
        lastError
        createdAt
      }
    }
  }
`);

const RedeliverMutation = graphql(`
  mutation RedeliverWebhook($id: ID!) {
    redeliverWebhook(id: $id) {
      id
      status
    }
  }
`);

type CatalogueApp = ModuleCatalogueQuery['apps']['nodes'][number];
const isInstalled = (app: CatalogueApp) => app.installation?.status === 'INSTALLED';

/** A mutation's outcome in words; the catalogue is read again after it. */
function useModuleChange(refresh: () => void) {
  const [error, setError] = useState<CombinedError>();
  const run = async (change: () => Promise<OperationResult>): Promise<boolean> => {
    setError(undefined);
    const result = await change();
    if (result.error) {
      setError(result.error);
      return false;
    }
    refresh();
    return true;
  };
  return { run, error };
}

function InstallButton({ app, refresh }: { app: CatalogueApp; refresh: () => void }) {
  const { t } = useTranslation();
  const [, install] = useMutation(InstallMutation);
  const [, uninstall] = useMutation(UninstallMutation);
  const { run, error } = useModuleChange(refresh);
  const installed = isInstalled(app);
  return (
    <>
      <button
        type="button"
        className={installed ? 'danger' : 'primary'}
        aria-label={`${t(installed ? 'modules.uninstall' : 'modules.install')} ${app.name}`}
        onClick={() => void run(() => (installed ? uninstall({ appId: app.appId }) : install({ appId: app.appId })))}
      >
        {t(installed ? 'modules.uninstall' : 'modules.install')}
      </button>
      {error && <ErrorText error={error} />}
    </>
  );
}

function ModuleCard({ app, canManage, refresh }: { app: CatalogueApp; canManage: boolean; refresh: () => void }) {
  const { t } = useTranslation();
  return (
    <li className="module" data-app-id={app.appId}>
      <h3>
        <Link to={`/modules/${encodeURIComponent(app.appId)}`}>{app.name}</Link>
      </h3>
      <p className="muted">{t('modules.vendor', { vendor: app.vendor })}</p>
      {app.description && <p>{app.description}</p>}
      <div className="toolbar">
        <Link to={`/modules/${encodeURIComponent(app.appId)}`}>{t('modules.open')}</Link>
        {canManage && <InstallButton app={app} refresh={refresh} />}
      </div>
    </li>
  );
}

function useCatalogue() {
  const [result, reexecute] = useQuery({ query: ModuleCatalogueQuery });
  return { result, apps: result.data?.apps.nodes ?? [], refresh: () => reexecute({ requestPolicy: 'network-only' }) };
}

/** The corp's installed modules and the rest of the catalogue, with install and uninstall for corp admins. */
export function ModulesScreen() {
  const { t } = useTranslation();
  const { isCorpAdmin } = useViewerRole();
  const { result, apps, refresh } = useCatalogue();
  const installed = apps.filter(isInstalled);
  const available = apps.filter((app) => !isInstalled(app));
  return (
    <section aria-labelledby="screen-title">
      <h1 id="screen-title">{t('modules.title')}</h1>
      {result.error && <ErrorText error={result.error} />}
      {result.fetching && !result.data && <Loading />}
      {result.data && (
        <div className="modules">
          <section aria-labelledby="installed-title">
            <h2 id="installed-title">{t('modules.installed')}</h2>
            {installed.length ? (
              <ul className="module-list installed">
                {installed.map((app) => (
                  <ModuleCard key={app.appId} app={app} canManage={isCorpAdmin} refresh={refresh} />
                ))}
              </ul>
            ) : (
              <Empty text={t('modules.noneInstalled')} />
            )}
          </section>
          <section aria-labelledby="available-title">
            <h2 id="available-title">{t('modules.available')}</h2>
            {available.length ? (
              <ul className="module-list available">
                {available.map((app) => (
                  <ModuleCard key={app.appId} app={app} canManage={isCorpAdmin} refresh={refresh} />
                ))}
              </ul>
            ) : (
              <Empty text={t('modules.noneAvailable')} />
            )}
          </section>
        </div>
      )}
    </section>
  );
}

/** One module: its installation and scope, its published versions with their checks, its webhook deliveries. */
export function ModuleScreen() {
  const { t } = useTranslation();
  const { appId = '' } = useParams();
  const { role, isCorpAdmin } = useViewerRole();
  const { result, apps, refresh } = useCatalogue();
  const app = apps.find((candidate) => candidate.appId === appId);
  return (
    <section aria-labelledby="screen-title">
      <p>
        <Link to="/modules">{t('modules.back')}</Link>
      </p>
      <h1 id="screen-title">{app?.name ?? t('modules.title')}</h1>
      {result.error && <ErrorText error={result.error} />}
      {result.fetching && !result.data && <Loading />}
      {result.data && !app && <Empty text={t('modules.notFound', { appId })} />}
      {app && (
        <>
          <p className="muted">{t('modules.vendor', { vendor: app.vendor })}</p>
          {app.description && <p>{app.description}</p>}
          <section className="panel" aria-labelledby="install-title">
            <h2 id="install-title">{t('modules.status')}</h2>
            <p className="install-status">{app.installation ? t(`modules.${app.installation.status}`) : t('modules.notInstalled')}</p>
            {isCorpAdmin ? <InstallButton app={app} refresh={refresh} /> : <p className="muted">{t('modules.readOnly')}</p>}
          </section>
          {isInstalled(app) && app.installation && <ScopeEditor appId={app.appId} scope={app.installation.scope} canEdit={isCorpAdmin} refresh={refresh} />}
          {(role === 'ADMIN' || role === 'ANALYST') && <Versions subgraph={app.subgraph} />}
          {isCorpAdmin && <Deliveries appId={app.appId} />}
        </>
      )}
    </section>
  );
}

type Scope = NonNullable<CatalogueApp['installation']>['scope'];

function ScopeEditor({ appId, scope, canEdit, refresh }: { appId: string; scope: Scope; canEdit: boolean; refresh: () => void }) {
  const { t } = useTranslation();
  const { departments } = useDepartmentOptions();
  const [tagsResult] = useQuery({ query: TagOptionsQuery });
  const [, update] = useMutation(ScopeMutation);
  const { run, error } = useModuleChange(refresh);
  const [draft, setDraft] = useState({ wholeCorp: scope.wholeCorp, departmentIds: scope.departmentIds, tags: scope.tags, people: scope.unionIds.join('\n') });
  const [saved, setSaved] = useState(false);
  useEffect(() => setDraft({ wholeCorp: scope.wholeCorp, departmentIds: scope.departmentIds, tags: scope.tags, people: scope.unionIds.join('\n') }), [scope]);
  const toggle = (list: string[], value: string, on: boolean) => (on ? [...list, value] : list.filter((item) => item !== value));
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setSaved(false);
    const unionIds = draft.people.split(/\s+/).filter(Boolean);
    const ok = await run(() => update({ appId, scope: draft.wholeCorp ? { wholeCorp: true } : { departmentIds: draft.departmentIds, tags: draft.tags, unionIds } }));
    setSaved(ok);
  };
  return (
    <section className="panel" aria-labelledby="scope-title">
      <h2 id="scope-title">{t('modules.scope')}</h2>
      <p className="scope-summary">{scope.wholeCorp ? t('modules.wholeCorp') : t('modules.scopeSummary', { departments: scope.departmentIds.length, tags: scope.tags.length, people: scope.unionIds.length })}</p>
      <form onSubmit={(event) => void submit(event)}>
        <fieldset disabled={!canEdit}>
          <label className="check">
            <input type="checkbox" checked={draft.wholeCorp} onChange={(event) => setDraft({ ...draft, wholeCorp: event.target.checked })} /> {t('modules.wholeCorp')}
          </label>
          {!draft.wholeCorp && (
            <div className="scope-lists">
              <fieldset>
                <legend>{t('modules.departments')}</legend>
                {departments.map((department) => (
                  <label key={department.id} className="check">
                    <input
                      type="checkbox"
                      checked={draft.departmentIds.includes(department.id)}
                      onChange={(event) => setDraft({ ...draft, departmentIds: toggle(draft.departmentIds, department.id, event.target.checked) })}
                    />{' '}
                    {indented(department)}
                  </label>
                ))}
              </fieldset>
              <fieldset>
                <legend>{t('modules.tags')}</legend>
                {tagsResult.error && <ErrorText error={tagsResult.error} />}
                {(tagsResult.data?.tags ?? []).map((tag) => (
                  <label key={tag.name} className="check">
                    <input type="checkbox" checked={draft.tags.includes(tag.name)} onChange={(event) => setDraft({ ...draft, tags: toggle(draft.tags, tag.name, event.target.checked) })} /> {tag.name}
                  </label>
                ))}
              </fieldset>
              <label>
                {t('modules.people')}
                <textarea rows={3} value={draft.people} onChange={(event) => setDraft({ ...draft, people: event.target.value })} />
              </label>
            </div>
          )}
          {canEdit && (
            <button type="submit" className="primary">
              {t('modules.saveScope')}
            </button>
          )}
        </fieldset>
      </form>
      {error && <ErrorText error={error} />}
      {saved && (
        <p className="state" role="status">
          {t('modules.scopeSaved')}
        </p>
      )}
    </section>
  );
}

function Versions({ subgraph }: { subgraph: string | null | undefined }) {
  const { t, i18n } = useTranslation();
  const [registry] = useQuery({ query: ModuleRegistryQuery, variables: { name: subgraph ?? '' }, pause: !subgraph });
  const published = Boolean(registry.data?.moduleSubgraph);
  const [versions] = useQuery({ query: ModuleVersionsQuery, variables: { name: subgraph ?? '' }, pause: !published });
  return (
    <section className="panel" aria-labelledby="versions-title">
      <h2 id="versions-title">{t('modules.versions')}</h2>
      {!subgraph && <Empty text={t('modules.noSubgraph')} />}
      {registry.error && <ErrorText error={registry.error} />}
      {versions.error && <ErrorText error={versions.error} />}
      {(registry.fetching || versions.fetching) && !versions.data && published && <Loading />}
      {registry.data && !published && <Empty text={t('modules.noVersions')} />}
      {versions.data && (
        <div className="table-wrap">
          <table className="versions">
            <thead>
              <tr>
                <th scope="col">{t('modules.version')}</th>
                <th scope="col">{t('modules.publishedAt')}</th>
                <th scope="col">{t('modules.publishedBy')}</th>
                <th scope="col">{t('modules.checks')}</th>
              </tr>
            </thead>
            <tbody>
              {versions.data.subgraphVersions.nodes.map((version) => (
                <tr key={version.version}>
                  <th scope="row">{version.version}</th>
                  <td>{new Date(version.publishedAt).toLocaleString(i18n.language)}</td>
                  <td>{version.publishedBy}</td>
                  <td>
                    {version.forced && <strong>{t('modules.forced')}. </strong>}
                    {version.changes.length ? (
                      <details>
                        <summary>{t('modules.changes', { count: version.changes.length })}</summary>
                        <ul>
                          {version.changes.map((change) => (
                            <li key={`${change.path}:${change.message}`}>
                              <span className={`level ${change.level.toLowerCase()}`}>{change.level}</span> {change.message}
                            </li>
                          ))}
                        </ul>
                      </details>
                    ) : (
                      t('modules.clean')
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

function Deliveries({ appId }: { appId: string }) {
  const { t, i18n } = useTranslation();
  const [result, reexecute] = useQuery({ query: DeliveriesQuery, variables: { appId } });
  const [, redeliver] = useMutation(RedeliverMutation);
  const [error, setError] = useState<CombinedError>();
  const [queued, setQueued] = useState(false);
  const refresh = () => reexecute({ requestPolicy: 'network-only' });
  const sendAgain = async (id: string) => {
    setError(undefined);
    setQueued(false);
    const sent = await redeliver({ id });
    if (sent.error) return setError(sent.error);
    setQueued(true);
    refresh();
    // the dispatcher sends it within about a second: show where it went
    setTimeout(refresh, 2_000);
  };
  const deliveries = result.data?.webhookDeliveries.nodes ?? [];
  return (
    <section className="panel" aria-labelledby="deliveries-title">
      <h2 id="deliveries-title">{t('modules.deliveries')}</h2>
      {result.error && <ErrorText error={result.error} />}
      {error && <ErrorText error={error} />}
      {queued && (
        <p className="state" role="status">
          {t('modules.queued')}
        </p>
      )}
      {result.fetching && !result.data && <Loading />}
      {result.data && !deliveries.length && <Empty text={t('modules.noDeliveries')} />}
      {deliveries.length > 0 && (
        <div className="table-wrap">
          <table className="deliveries">
            <thead>
              <tr>
                <th scope="col">{t('modules.event')}</th>
                <th scope="col">{t('modules.deliveryStatus')}</th>
                <th scope="col" className="number">
                  {t('modules.attempts')}
                </th>
                <th scope="col">{t('modules.lastResponse')}</th>
                <th scope="col">{t('modules.created')}</th>
                <th scope="col">
                  <span className="visually-hidden">{t('modules.sendAgain')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {deliveries.map((delivery) => (
                <tr key={delivery.id} data-delivery-id={delivery.id}>
                  <th scope="row">{delivery.eventType}</th>
                  <td className="delivery-status">{t(`modules.${delivery.status}`)}</td>
                  <td className="number attempts">{delivery.attempts}</td>
                  <td>{delivery.lastStatusCode ?? delivery.lastError ?? '–'}</td>
                  <td>{new Date(delivery.createdAt).toLocaleString(i18n.language)}</td>
                  <td>
                    <button type="button" onClick={() => void sendAgain(delivery.id)}>
                      {t('modules.sendAgain')}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
