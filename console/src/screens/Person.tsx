import { useId, useState, type FormEvent, type ReactNode } from 'react';
import { Link, useParams } from 'react-router';
import { useMutation, useQuery, type CombinedError, type OperationResult } from 'urql';
import { useTranslation } from 'react-i18next';
import { graphql } from '../gql';
import type { AdminRoleKind } from '../gql/graphql';
import { indented, today, useDepartmentOptions, useManagerOptions } from '../lib/directory';
import { useViewerRole } from '../lib/viewer';
import { Empty, ErrorText, Loading } from '../lib/states';
import '../lib/i18n.screens-b';
import '../screens-b.css';

const PersonPageQuery = graphql(`
  query PersonPage($unionId: ID!, $withOpenIds: Boolean!) {
    person(unionId: $unionId) {
      unionId
      displayName
      email
      adminRole {
        role
        departmentId
      }
      openIds @include(if: $withOpenIds) {
        openId
        app {
          appId
          name
        }
      }
      employee {
        status
        title
        joinedAt
        leftAt
        departments {
          id
          name
        }
        managers {
          unionId
          displayName
        }
        directReports {
          unionId
          displayName
        }
        tags {
          name
        }
      }
    }
  }
`);

const GrantRoleMutation = graphql(`
  mutation GrantRole($input: GrantAdminRoleInput!) {
    grantAdminRole(input: $input) {
      unionId
      role
    }
  }
`);

const RevokeRoleMutation = graphql(`
  mutation RevokeRole($unionId: ID!) {
    revokeAdminRole(unionId: $unionId)
  }
`);

const TransferMutation = graphql(`
  mutation TransferEmployee($unionId: ID!, $input: TransferEmployeeInput!) {
    transferEmployee(unionId: $unionId, input: $input) {
      unionId
    }
  }
`);

const OffboardMutation = graphql(`
  mutation OffboardEmployee($unionId: ID!, $leftAt: LocalDate) {
    offboardEmployee(unionId: $unionId, leftAt: $leftAt) {
      unionId
      status
    }
  }
`);

const RehireMutation = graphql(`
  mutation RehireEmployee($unionId: ID!, $joinedAt: LocalDate) {
    rehireEmployee(unionId: $unionId, joinedAt: $joinedAt) {
      unionId
      status
    }
  }
`);

const ROLES: AdminRoleKind[] = ['CORP_ADMIN', 'DEPARTMENT_ADMIN', 'FINANCE', 'ANALYST'];

/** Runs one change and reports it: an error in words, or "Saved." and a fresh read of the page. */
function useChange(refresh: () => void) {
  const { t } = useTranslation();
  const [error, setError] = useState<CombinedError>();
  const [saved, setSaved] = useState(false);
  const run = async (change: () => Promise<OperationResult>) => {
    setError(undefined);
    setSaved(false);
    const result = await change();
    if (result.error) return setError(result.error);
    setSaved(true);
    refresh();
  };
  const outcome = (
    <>
      {error && <ErrorText error={error} />}
      {saved && (
        <p className="state" role="status">
          {t('person.done')}
        </p>
      )}
    </>
  );
  return { run, outcome };
}

function Panel({ title, children }: { title: string; children: ReactNode }) {
  const id = useId();
  return (
    <section className="panel" aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      {children}
    </section>
  );
}

/** One person: their employee record, managers, tags, admin role and (corp admins) openIds; the admin actions on them. */
export function PersonScreen() {
  const { t } = useTranslation();
  const { unionId = '' } = useParams();
  const viewer = useViewerRole();
  const [result, reexecute] = useQuery({ query: PersonPageQuery, variables: { unionId, withOpenIds: viewer.isCorpAdmin }, pause: !viewer.role });
  const refresh = () => reexecute({ requestPolicy: 'network-only' });
  const person = result.data?.person;
  const employee = person?.employee;
  const { departments } = useDepartmentOptions();
  const departmentName = (id: string | null | undefined) => departments.find((department) => department.id === id)?.name ?? id ?? '';

  return (
    <section aria-labelledby="screen-title">
      <p>
        <Link to="/people">{t('person.back')}</Link>
      </p>
      <h1 id="screen-title">{person?.displayName ?? t('people.title')}</h1>
      {result.error && <ErrorText error={result.error} />}
      {(result.fetching || !viewer.role) && !person && <Loading />}
      {person && (
        <div className="person">
          <dl className="facts">
            {person.email && (
              <>
                <dt>{t('person.email')}</dt>
                <dd>{person.email}</dd>
              </>
            )}
            <dt>UnionID</dt>
            <dd>
              <code>{person.unionId}</code>
            </dd>
            {employee && (
              <>
                <dt>{t('person.status')}</dt>
                <dd className="employee-status">
                  {t(`people.${employee.status}`)} · {t('person.joined', { date: employee.joinedAt })}
                  {employee.leftAt ? ` · ${t('person.left', { date: employee.leftAt })}` : ''}
                </dd>
                {employee.title && (
                  <>
                    <dt>{t('people.jobTitle')}</dt>
                    <dd>{employee.title}</dd>
                  </>
                )}
              </>
            )}
          </dl>
          {!employee && <Empty text={t('person.notEmployee')} />}
          {employee && (
            <Panel title={t('person.departments')}>
              <ul className="departments">
                {employee.departments.map((department) => (
                  <li key={department.id}>
                    <Link to={`/department/${encodeURIComponent(department.id)}`}>{department.name}</Link>
                  </li>
                ))}
              </ul>
              <h3>{t('person.managers')}</h3>
              {employee.managers.length ? (
                <ol className="managers">
                  {employee.managers.map((manager) => (
                    <li key={manager.unionId}>
                      <Link to={`/people/${encodeURIComponent(manager.unionId)}`}>{manager.displayName}</Link>
                    </li>
                  ))}
                </ol>
              ) : (
                <Empty text={t('person.noManagers')} />
              )}
              <h3>{t('person.reports')}</h3>
              {employee.directReports.length ? (
                <ul>
                  {employee.directReports.map((report) => (
                    <li key={report.unionId}>
                      <Link to={`/people/${encodeURIComponent(report.unionId)}`}>{report.displayName}</Link>
                    </li>
                  ))}
                </ul>
              ) : (
                <Empty text={t('person.noReports')} />
              )}
              <h3>{t('person.tags')}</h3>
              {employee.tags.length ? (
                <ul className="tags">
                  {employee.tags.map((tag) => (
                    <li key={tag.name}>{tag.name}</li>
                  ))}
                </ul>
              ) : (
                <Empty text={t('person.noTags')} />
              )}
            </Panel>
          )}
          {person.openIds && (
            <Panel title={t('person.openIds')}>
              <p className="muted">{t('person.openIdsHelp')}</p>
              {person.openIds.length ? (
                <div className="table-wrap">
                  <table className="open-ids">
                    <thead>
                      <tr>
                        <th scope="col">{t('person.app')}</th>
                        <th scope="col">{t('person.openId')}</th>
                      </tr>
                    </thead>
                    <tbody>
                      {person.openIds.map((row) => (
                        <tr key={row.app.appId} data-app-id={row.app.appId}>
                          <th scope="row">{row.app.name}</th>
                          <td>
                            <code>{row.openId}</code>
                          </td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
              ) : (
                <Empty text={t('person.noOpenIds')} />
              )}
            </Panel>
          )}
          <Panel title={t('person.adminRole')}>
            <p className="admin-role">
              {person.adminRole
                ? person.adminRole.departmentId
                  ? t('person.inDepartment', { role: t(`role.${person.adminRole.role}`), department: departmentName(person.adminRole.departmentId) })
                  : t('person.hasRole', { role: t(`role.${person.adminRole.role}`) })
                : t('person.noAdminRole')}
            </p>
            {viewer.isCorpAdmin && <RoleForm unionId={person.unionId} hasRole={Boolean(person.adminRole)} departments={departments} refresh={refresh} />}
          </Panel>
          {employee && viewer.managesPeople && employee.status === 'ACTIVE' && (
            <>
              <TransferForm unionId={person.unionId} departments={departments} currentDepartment={employee.departments[0]?.id} refresh={refresh} />
              <DateAction kind="offboard" unionId={person.unionId} refresh={refresh} />
            </>
          )}
          {employee && viewer.managesPeople && employee.status === 'LEFT' && <DateAction kind="rehire" unionId={person.unionId} refresh={refresh} />}
        </div>
      )}
    </section>
  );
}

type Departments = ReturnType<typeof useDepartmentOptions>['departments'];

function RoleForm({ unionId, hasRole, departments, refresh }: { unionId: string; hasRole: boolean; departments: Departments; refresh: () => void }) {
  const { t } = useTranslation();
  const [role, setRole] = useState<AdminRoleKind>('ANALYST');
  const [departmentId, setDepartmentId] = useState('');
  const [, grant] = useMutation(GrantRoleMutation);
  const [, revoke] = useMutation(RevokeRoleMutation);
  const { run, outcome } = useChange(refresh);
  const department = departmentId || departments[0]?.id;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void run(() => grant({ input: { unionId, role, departmentId: role === 'DEPARTMENT_ADMIN' ? department : undefined } }));
  };
  return (
    <form className="toolbar" onSubmit={submit}>
      <label>
        {t('person.adminRole')}{' '}
        <select value={role} onChange={(event) => setRole(event.target.value as AdminRoleKind)}>
          {ROLES.map((value) => (
            <option key={value} value={value}>
              {t(`role.${value}`)}
            </option>
          ))}
        </select>
      </label>
      {role === 'DEPARTMENT_ADMIN' && (
        <label>
          {t('person.roleDepartment')}{' '}
          <select value={department ?? ''} onChange={(event) => setDepartmentId(event.target.value)}>
            {departments.map((option) => (
              <option key={option.id} value={option.id}>
                {indented(option)}
              </option>
            ))}
          </select>
        </label>
      )}
      <button type="submit" className="primary">
        {t('person.grant')}
      </button>
      {hasRole && (
        <button type="button" onClick={() => void run(() => revoke({ unionId }))}>
          {t('person.revoke')}
        </button>
      )}
      {outcome}
    </form>
  );
}

function TransferForm({ unionId, departments, currentDepartment, refresh }: { unionId: string; departments: Departments; currentDepartment?: string; refresh: () => void }) {
  const { t } = useTranslation();
  const { managers } = useManagerOptions();
  const [departmentId, setDepartmentId] = useState('');
  const [managerUnionId, setManagerUnionId] = useState('');
  const [, transfer] = useMutation(TransferMutation);
  const { run, outcome } = useChange(refresh);
  const department = departmentId || currentDepartment || departments[0]?.id || '';
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void run(() => transfer({ unionId, input: { departmentIds: [department], managerUnionId: managerUnionId || undefined } }));
  };
  return (
    <Panel title={t('person.transfer')}>
      <form className="toolbar" onSubmit={submit}>
        <label>
          {t('person.transferTo')}{' '}
          <select value={department} onChange={(event) => setDepartmentId(event.target.value)}>
            {departments.map((option) => (
              <option key={option.id} value={option.id}>
                {indented(option)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('person.transferManager')}{' '}
          <select value={managerUnionId} onChange={(event) => setManagerUnionId(event.target.value)}>
            <option value="">{t('person.keepManager')}</option>
            {managers
              .filter((manager) => manager.unionId !== unionId)
              .map((manager) => (
                <option key={manager.unionId} value={manager.unionId}>
                  {manager.displayName}
                </option>
              ))}
          </select>
        </label>
        <button type="submit" className="primary">
          {t('person.transferSubmit')}
        </button>
        {outcome}
      </form>
    </Panel>
  );
}

/** Offboarding (last working day) and rehiring (first working day): one date and one button. */
function DateAction({ kind, unionId, refresh }: { kind: 'offboard' | 'rehire'; unionId: string; refresh: () => void }) {
  const { t } = useTranslation();
  const [date, setDate] = useState(today());
  const [, offboard] = useMutation(OffboardMutation);
  const [, rehire] = useMutation(RehireMutation);
  const { run, outcome } = useChange(refresh);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void run(() => (kind === 'offboard' ? offboard({ unionId, leftAt: date || undefined }) : rehire({ unionId, joinedAt: date || undefined })));
  };
  return (
    <Panel title={t(`person.${kind}`)}>
      <form className="toolbar" onSubmit={submit}>
        <label>
          {t(kind === 'offboard' ? 'person.lastDay' : 'person.firstDay')}{' '}
          <input type="date" value={date} onChange={(event) => setDate(event.target.value)} />
        </label>
        <button type="submit" className={kind === 'offboard' ? 'danger' : 'primary'}>
          {t(`person.${kind}Submit`)}
        </button>
        {outcome}
      </form>
    </Panel>
  );
}
