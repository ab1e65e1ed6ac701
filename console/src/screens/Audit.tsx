import { useMemo, useState, type FormEvent } from 'react';
import { useSearchParams } from 'react-router';
import { useClient, useQuery } from 'urql';
import { useTranslation } from 'react-i18next';
import { graphql } from '../gql';
import type { AuditLogPageQuery } from '../gql/graphql';
import { useAuditedCsvExport } from '../lib/export';
import { Empty, ErrorText, Loading } from '../lib/states';
import '../lib/i18n.screens-b';
import '../screens-b.css';

const AuditLogPageQuery = graphql(`
  query AuditLogPage($first: Int!, $after: String, $person: ID, $action: String, $from: DateTime, $to: DateTime) {
    auditLog(first: $first, after: $after, person: $person, action: $action, from: $from, to: $to) {
      totalCount
      nodes {
        id
        occurredAt
        action
        actor
        subjectUnionId
        target
        details
        subject {
          displayName
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

const AuditPeopleQuery = graphql(`
  query AuditPeople {
    people(first: 500) {
      nodes {
        unionId
        displayName
      }
    }
  }
`);

/** What the hub writes to the log (any other action can still be typed into the URL). */
const ACTIONS = [
  'admin_role.granted',
  'admin_role.revoked',
  'app.installed',
  'app.uninstalled',
  'installation.scope_changed',
  'employee.hired',
  'employee.offboarded',
  'approval.decided',
  'export.csv',
];
const PAGE = 50;
const EXPORT_PAGE = 500;
const EXPORT_LIMIT = 20_000;
const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** A calendar day in the browser's zone as the instant it starts; `to` is inclusive, so it ends the next day. */
const startOf = (day: string, plusDays = 0) => {
  const date = new Date(`${day}T00:00:00`);
  date.setDate(date.getDate() + plusDays);
  return date.toISOString();
};

type Line = AuditLogPageQuery['auditLog']['nodes'][number];

/** The corp's audit log, filtered by person, action and dates (kept in the URL), exported as CSV (itself audited). */
export function AuditScreen() {
  const { t, i18n } = useTranslation();
  const client = useClient();
  const [search, setSearch] = useSearchParams();
  const filters = { person: search.get('person') ?? '', action: search.get('action') ?? '', from: search.get('from') ?? '', to: search.get('to') ?? '' };
  const [draft, setDraft] = useState(filters);
  const [first, setFirst] = useState(PAGE);
  const badRange = DAY.test(filters.from) && DAY.test(filters.to) && filters.from > filters.to;
  const variables = {
    person: filters.person || undefined,
    action: filters.action || undefined,
    from: DAY.test(filters.from) ? startOf(filters.from) : undefined,
    to: DAY.test(filters.to) ? startOf(filters.to, 1) : undefined,
  };
  const [result] = useQuery({ query: AuditLogPageQuery, variables: { first, ...variables }, pause: badRange });
  const [peopleResult] = useQuery({ query: AuditPeopleQuery });
  const names = useMemo(() => new Map((peopleResult.data?.people.nodes ?? []).map((person) => [person.unionId, person.displayName])), [peopleResult.data]);
  const { exportCsv, error: exportError, busy } = useAuditedCsvExport();
  const [loadError, setLoadError] = useState<Error>();
  const log = result.data?.auditLog;

  const apply = (event: FormEvent) => {
    event.preventDefault();
    setFirst(PAGE);
    const next = new URLSearchParams();
    for (const [name, value] of Object.entries(draft)) if (value) next.set(name, value);
    setSearch(next);
  };
  const clear = () => {
    setDraft({ person: '', action: '', from: '', to: '' });
    setSearch(new URLSearchParams());
  };

  const actorName = (line: Line) => names.get(line.actor) ?? line.actor;
  const when = (line: Line) => new Date(line.occurredAt).toLocaleString(i18n.language);

  const exportAll = async () => {
    setLoadError(undefined);
    const lines: Line[] = [];
    let after: string | undefined;
    // every matching line, page by page, up to a bound a spreadsheet still opens
    while (lines.length < EXPORT_LIMIT) {
      const page = await client.query(AuditLogPageQuery, { first: EXPORT_PAGE, after, ...variables }, { requestPolicy: 'network-only' }).toPromise();
      if (page.error || !page.data) return setLoadError(page.error ?? new Error('no data'));
      lines.push(...page.data.auditLog.nodes);
      if (!page.data.auditLog.pageInfo.hasNextPage) break;
      after = page.data.auditLog.pageInfo.endCursor ?? undefined;
    }
    const header = [t('audit.when'), t('audit.action'), t('audit.actor'), t('audit.subject'), t('audit.target'), t('audit.details')];
    const rows = lines.map((line) => [line.occurredAt, line.action, actorName(line), line.subject?.displayName ?? line.subjectUnionId, line.target, line.details]);
    const what = `audit?${search.toString()}`;
    await exportCsv(`audit-${new Date().toISOString().slice(0, 10)}.csv`, what, header, rows);
  };

  return (
    <section aria-labelledby="screen-title" aria-busy={result.fetching}>
      <h1 id="screen-title">{t('audit.title')}</h1>
      <form className="toolbar" onSubmit={apply} aria-label={t('audit.title')}>
        <label>
          {t('audit.person')}{' '}
          <select value={draft.person} onChange={(event) => setDraft({ ...draft, person: event.target.value })}>
            <option value="">{t('audit.anyone')}</option>
            {(peopleResult.data?.people.nodes ?? []).map((person) => (
              <option key={person.unionId} value={person.unionId}>
                {person.displayName}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('audit.action')}{' '}
          <select value={draft.action} onChange={(event) => setDraft({ ...draft, action: event.target.value })}>
            <option value="">{t('audit.anyAction')}</option>
            {[...new Set([...ACTIONS, ...(filters.action ? [filters.action] : [])])].map((action) => (
              <option key={action} value={action}>
                {action}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('audit.from')} <input type="date" value={draft.from} onChange={(event) => setDraft({ ...draft, from: event.target.value })} />
        </label>
        <label>
          {t('audit.to')} <input type="date" value={draft.to} onChange={(event) => setDraft({ ...draft, to: event.target.value })} />
        </label>
        <button type="submit" className="primary">
          {t('audit.apply')}
        </button>
        <button type="button" onClick={clear}>
          {t('audit.clear')}
        </button>
        <button type="button" onClick={() => void exportAll()} disabled={busy || !log?.nodes.length}>
          {busy ? t('audit.exporting') : t('audit.exportCsv')}
        </button>
      </form>
      {badRange && (
        <p className="state error" role="alert">
          {t('audit.badRange')}
        </p>
      )}
      {exportError && (
        <p className="state error" role="alert">
          {exportError}
        </p>
      )}
      {loadError && <ErrorText error={loadError} />}
      {result.error && <ErrorText error={result.error} />}
      {peopleResult.error && <ErrorText error={peopleResult.error} />}
      {result.fetching && !log && <Loading />}
      {log && !log.nodes.length && <Empty text={t('audit.empty')} />}
      {log && log.nodes.length > 0 && (
        <>
          <p>{t('audit.count', { count: log.totalCount })}</p>
          <div className="table-wrap">
            <table className="audit">
              <thead>
                <tr>
                  <th scope="col">{t('audit.when')}</th>
                  <th scope="col">{t('audit.action')}</th>
                  <th scope="col">{t('audit.actor')}</th>
                  <th scope="col">{t('audit.subject')}</th>
                  <th scope="col">{t('audit.target')}</th>
                  <th scope="col">{t('audit.details')}</th>
                </tr>
              </thead>
              <tbody>
                {log.nodes.map((line) => (
                  <tr key={line.id} data-action={line.action}>
                    <td>
                      <time dateTime={line.occurredAt}>{when(line)}</time>
                    </td>
                    <th scope="row" className="action">
                      {line.action}
                    </th>
                    <td className="actor">{actorName(line)}</td>
                    <td className="subject">{line.subject?.displayName ?? line.subjectUnionId ?? ''}</td>
                    <td className="target">{line.target ?? ''}</td>
                    <td className="details">
                      <code>{line.details ?? ''}</code>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {log.pageInfo.hasNextPage && (
            <button type="button" onClick={() => setFirst(first + PAGE)}>
              {t('audit.more')}
            </button>
          )}
        </>
      )}
    </section>
  );
}
