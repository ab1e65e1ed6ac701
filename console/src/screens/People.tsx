import { useState, type FormEvent } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { useMutation, useQuery, type CombinedError } from 'urql';
import { useTranslation } from 'react-i18next';
import { graphql } from '../gql';
import type { EmployeeStatus } from '../gql/graphql';
import { indented, useDepartmentOptions, useManagerOptions } from '../lib/directory';
import { useViewerRole } from '../lib/viewer';
import { Empty, ErrorText, Loading } from '../lib/states';
import '../lib/i18n.screens-b';
import '../screens-b.css';

const PeopleSearchQuery = graphql(`
  query PeopleSearch($first: Int!, $filter: EmployeeFilter) {
    employees(first: $first, filter: $filter) {
      totalCount
      nodes {
        unionId
        displayName
        title
        status
        department {
          id
          name
        }
      }
      pageInfo {
        hasNextPage
      }
    }
  }
`);

const AddPersonMutation = graphql(`
  mutation AddPerson($input: AddPersonInput!) {
    addPerson(input: $input) {
      unionId
    }
  }
`);

const HireEmployeeMutation = graphql(`
  mutation HireEmployee($input: HireEmployeeInput!) {
    hireEmployee(input: $input) {
      unionId
    }
  }
`);

const PAGE = 50;
const STATUSES: EmployeeStatus[] = ['ACTIVE', 'LEFT'];

/** The directory, searched by name and status; the URL holds the search (`?q=…&status=…`). */
export function PeopleScreen() {
  const { t } = useTranslation();
  const [search, setSearch] = useSearchParams();
  const { managesPeople } = useViewerRole();
  const query = search.get('q') ?? '';
  const status = STATUSES.find((value) => value === search.get('status'));
  const [first, setFirst] = useState(PAGE);
  const [draft, setDraft] = useState(query);
  const [hiring, setHiring] = useState(false);
  const [result] = useQuery({ query: PeopleSearchQuery, variables: { first, filter: { query: query || undefined, status } } });
  const people = result.data?.employees;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setFirst(PAGE);
    const next = new URLSearchParams(search);
    if (draft.trim()) next.set('q', draft.trim());
    else next.delete('q');
    setSearch(next);
  };
  const setStatus = (value: string) => {
    const next = new URLSearchParams(search);
    if (value) next.set('status', value);
    else next.delete('status');
    setSearch(next);
  };

  return (
    <section aria-labelledby="screen-title" aria-busy={result.fetching}>
      <h1 id="screen-title">{t('people.title')}</h1>
      <form className="toolbar" role="search" onSubmit={submit}>
        <label>
          {t('people.search')}{' '}
          <input type="search" value={draft} onChange={(event) => setDraft(event.target.value)} />
        </label>
        <label>
          {t('people.status')}{' '}
          <select value={status ?? ''} onChange={(event) => setStatus(event.target.value)}>
            <option value="">{t('people.anyStatus')}</option>
            {STATUSES.map((value) => (
              <option key={value} value={value}>
                {t(`people.${value}`)}
              </option>
            ))}
          </select>
        </label>
        <button type="submit">{t('people.search')}</button>
        {managesPeople && (
          <button type="button" className="primary" aria-expanded={hiring} onClick={() => setHiring(!hiring)}>
            {t('people.hire')}
          </button>
        )}
      </form>
      {hiring && <HireForm />}
      {result.error && <ErrorText error={result.error} />}
      {result.fetching && !people && <Loading />}
      {people && !people.nodes.length && <Empty text={t('people.noMatch')} />}
      {people && people.nodes.length > 0 && (
        <>
          <p>{t('people.count', { count: people.totalCount })}</p>
          <div className="table-wrap">
            <table className="people">
              <thead>
                <tr>
                  <th scope="col">{t('people.name')}</th>
                  <th scope="col">{t('people.jobTitle')}</th>
                  <th scope="col">{t('people.department')}</th>
                  <th scope="col">{t('people.status')}</th>
                </tr>
              </thead>
              <tbody>
                {people.nodes.map((person) => (
                  <tr key={person.unionId} data-union-id={person.unionId}>
                    <th scope="row">
                      <Link to={`/people/${encodeURIComponent(person.unionId)}`}>{person.displayName}</Link>
                    </th>
                    <td>{person.title}</td>
                    <td>{person.department?.name}</td>
                    <td>{t(`people.${person.status}`)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {people.pageInfo.hasNextPage && (
            <button type="button" onClick={() => setFirst(first + PAGE)}>
              {t('people.more')}
            </button>
          )}
        </>
      )}
    </section>
  );
}

/**
 * Hiring is two steps: identity gives the person a UnionID (addPerson), the directory makes them an employee
 * (hireEmployee). When the second fails, the form keeps the UnionID, so submitting again only retries the hire.
 */
function HireForm() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { departments } = useDepartmentOptions();
  const { managers } = useManagerOptions();
  const [, addPerson] = useMutation(AddPersonMutation);
  const [, hireEmployee] = useMutation(HireEmployeeMutation);
  const [form, setForm] = useState({ displayName: '', email: '', title: '', departmentId: '', managerUnionId: '' });
  const [added, setAdded] = useState<string>();
  const [error, setError] = useState<CombinedError>();
  const [busy, setBusy] = useState(false);
  const field = (name: keyof typeof form) => ({ value: form[name], onChange: (event: { target: { value: string } }) => setForm({ ...form, [name]: event.target.value }) });
  const departmentId = form.departmentId || departments[0]?.id || '';

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      let unionId = added;
      if (!unionId) {
        const person = await addPerson({ input: { displayName: form.displayName.trim(), email: form.email.trim() || undefined } });
        if (person.error || !person.data) return setError(person.error);
        unionId = person.data.addPerson.unionId;
        setAdded(unionId);
      }
      const hired = await hireEmployee({
        input: {
          unionId,
          displayName: form.displayName.trim(),
          email: form.email.trim() || undefined,
          title: form.title.trim() || undefined,
          departmentIds: departmentId ? [departmentId] : undefined,
          managerUnionId: form.managerUnionId || undefined,
        },
      });
      if (hired.error) return setError(hired.error);
      void navigate(`/people/${encodeURIComponent(unionId)}`);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="panel" aria-labelledby="hire-title" onSubmit={(event) => void submit(event)}>
      <h2 id="hire-title">{t('people.hireTitle')}</h2>
      <div className="fields">
        <label>
          {t('people.displayName')}
          <input required maxLength={100} {...field('displayName')} disabled={Boolean(added)} />
        </label>
        <label>
          {t('people.email')}
          <input type="email" maxLength={200} {...field('email')} disabled={Boolean(added)} />
        </label>
        <label>
          {t('people.jobTitle')}
          <input maxLength={100} {...field('title')} />
        </label>
        <label>
          {t('people.department')}
          <select value={departmentId} onChange={field('departmentId').onChange}>
            {departments.map((department) => (
              <option key={department.id} value={department.id}>
                {indented(department)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('people.manager')}
          <select {...field('managerUnionId')}>
            <option value="">{t('people.noManager')}</option>
            {managers.map((manager) => (
              <option key={manager.unionId} value={manager.unionId}>
                {manager.displayName}
              </option>
            ))}
          </select>
        </label>
      </div>
      {error && <ErrorText error={error} />}
      <button type="submit" className="primary" disabled={busy}>
        {busy ? t('people.hiring') : t('people.hireSubmit')}
      </button>
    </form>
  );
}
