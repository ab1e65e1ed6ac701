import { useMemo } from 'react';
import { useNavigate, useParams, useSearchParams } from 'react-router';
import { useQuery } from 'urql';
import { useTranslation } from 'react-i18next';
import { graphql } from '../gql';
import { Chart, type ChartOption } from '../lib/Chart';
import { useAuditedCsvExport } from '../lib/export';
import { Empty, ErrorText, Loading } from '../lib/states';

const DepartmentTreeQuery = graphql(`
  query DepartmentTree {
    departments {
      id
      name
      depth
    }
  }
`);

// PRODUCT.md's dashboard, split to fit the gateway's depth limit: members with their month here, last logs below
const DepartmentMonthQuery = graphql(`
  query DepartmentMonth($id: ID!, $from: LocalDate!, $to: LocalDate!, $fromMonth: String!, $toMonth: String!, $first: Int!) {
    department(id: $id) {
      id
      name
      members(first: $first, includeSubdepartments: true) {
        totalCount
        nodes {
          unionId
          displayName
          title
          attendance(from: $from, to: $to) {
            lateCount
            absentDays
          }
          attendanceDays(from: $from, to: $to) {
            date
            exceptions
          }
          expenseClaims(status: SUBMITTED, first: 1) {
            totalCount
            totals {
              amount
              currency
            }
          }
        }
      }
    }
    expenseReport(departmentId: $id, fromMonth: $fromMonth, toMonth: $toMonth) {
      rows {
        category
        amount {
          amount
          currency
        }
      }
    }
    workLogFeed(kind: DAILY, first: 500) {
      nodes {
        date
        author {
          unionId
        }
      }
    }
  }
`);

const LastLogsQuery = graphql(`
  query MemberLastLogs($unionIds: [ID!]!) {
    employeesByUnionIds(unionIds: $unionIds) {
      unionId
      workLogs(first: 1) {
        nodes {
          date
          text
          voice {
            url
            durationSeconds
          }
        }
      }
    }
  }
`);

const PAGE = 200;

function thisMonth(): string {
  const now = new Date();
  return `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}`;
}

function monthDays(month: string): string[] {
  const [year, monthNumber] = month.split('-').map(Number);
  const count = new Date(Date.UTC(year, monthNumber, 0)).getUTCDate();
  return Array.from({ length: count }, (_, index) => `${month}-${String(index + 1).padStart(2, '0')}`);
}

export function DepartmentScreen() {
  const { t } = useTranslation();
  const { id } = useParams();
  const [search, setSearch] = useSearchParams();
  const navigate = useNavigate();
  const month = /^\d{4}-\d{2}$/.test(search.get('month') ?? '') ? search.get('month')! : thisMonth();
  const [tree] = useQuery({ query: DepartmentTreeQuery });
  const departmentId = id ?? tree.data?.departments[0]?.id;
  const days = useMemo(() => monthDays(month), [month]);
  const [result] = useQuery({
    query: DepartmentMonthQuery,
    // expenses over the year to the month: one month of claims is too few to compare categories
    variables: { id: departmentId ?? '', from: days[0], to: days[days.length - 1], fromMonth: `${month.slice(0, 4)}-01`, toMonth: month, first: PAGE },
    pause: !departmentId,
  });
  const members = result.data?.department.members.nodes ?? [];
  const unionIds = useMemo(() => members.map((member) => member.unionId), [members]);
  const [logs] = useQuery({ query: LastLogsQuery, variables: { unionIds }, pause: unionIds.length === 0 });
  const lastLog = useMemo(() => new Map((logs.data?.employeesByUnionIds ?? []).flatMap((employee) => (employee ? [[employee.unionId, employee.workLogs?.nodes[0]] as const] : []))), [logs.data]);

  const charts = useMemo(() => {
    const lateByDay = new Map<string, number>(days.map((day) => [day, 0]));
    for (const member of members) for (const day of member.attendanceDays ?? []) if (day.exceptions.includes('LATE')) lateByDay.set(day.date, (lateByDay.get(day.date) ?? 0) + 1);
    const heatmap: ChartOption = {
      tooltip: {},
      visualMap: { min: 0, max: Math.max(1, ...lateByDay.values()), orient: 'horizontal', left: 'center', bottom: 0, calculable: false, inRange: { color: ['#f4f7fb', '#d9534f'] } },
      calendar: { range: month, cellSize: ['auto', 22], top: 30, left: 30, right: 30, yearLabel: { show: false } },
      series: [{ type: 'heatmap', coordinateSystem: 'calendar', name: t('department.lateSeries'), data: [...lateByDay.entries()] }],
    };
    const rows = result.data?.expenseReport?.rows ?? [];
    const categories = [...new Set(rows.map((row) => row.category))].sort();
    const currencies = [...new Set(rows.map((row) => row.amount.currency))].sort();
    const expenses: ChartOption = {
      tooltip: { trigger: 'axis' },
      legend: { top: 0 },
      grid: { left: 60, right: 20, top: 40, bottom: 30 },
      xAxis: { type: 'category', data: categories },
      yAxis: { type: 'value' },
      series: currencies.map((currency) => ({
        type: 'bar',
        name: currency,
        data: categories.map((category) => rows.filter((row) => row.category === category && row.amount.currency === currency).reduce((sum, row) => sum + Number(row.amount.amount), 0)),
      })),
    };
    // the newest 500 daily logs the caller may read, counted for this department's members (the feed's own
    // department filter knows only logs written through the API, with the author's departments at the time)
    const memberIds = new Set(members.map((member) => member.unionId));
    const loggedBy = new Map<string, Set<string>>();
    for (const log of result.data?.workLogFeed?.nodes ?? []) {
      if (!log.date?.startsWith(month) || !memberIds.has(log.author.unionId)) continue;
      if (!loggedBy.has(log.date)) loggedBy.set(log.date, new Set());
      loggedBy.get(log.date)!.add(log.author.unionId);
    }
    const memberCount = Math.max(1, members.length);
    const rate: ChartOption = {
      tooltip: { trigger: 'axis' },
      grid: { left: 50, right: 20, top: 20, bottom: 30 },
      xAxis: { type: 'category', data: days.map((day) => day.slice(8)) },
      yAxis: { type: 'value', max: 100 },
      series: [{ type: 'line', name: t('department.rateSeries'), data: days.map((day) => Math.round(((loggedBy.get(day)?.size ?? 0) * 100) / memberCount)) }],
    };
    return { heatmap, expenses, rate, hasExpenses: rows.length > 0 };
  }, [days, members, month, result.data, t]);

  const audited = useAuditedCsvExport();
  const exportCsv = () => {
    const header = [t('department.name'), t('department.jobTitle'), t('department.late'), t('department.absent'), t('department.pending'), t('department.lastLog')];
    const body = members.map((member) => [
      member.displayName,
      member.title,
      member.attendance?.lateCount ?? '',
      member.attendance?.absentDays ?? '',
      (member.expenseClaims?.totals ?? []).map((money) => `${money.amount} ${money.currency}`).join('; '),
      lastLog.get(member.unionId)?.text ?? '',
    ]);
    const departmentKey = result.data?.department.id ?? 'department';
    void audited.exportCsv(`${departmentKey}-${month}.csv`, `department/${departmentKey}?month=${month}`, header, body);
  };

  return (
    // while another department or month loads, the last one stays on screen, marked busy
    <section aria-labelledby="screen-title" aria-busy={result.fetching || logs.fetching}>
      <h1 id="screen-title">
        {t('department.title')}
        {result.data ? `: ${result.data.department.name}` : ''}
      </h1>
      <div className="toolbar">
        <label>
          {t('department.picker')}{' '}
          <select value={departmentId ?? ''} onChange={(event) => void navigate(`/department/${encodeURIComponent(event.target.value)}?month=${month}`)}>
            {(tree.data?.departments ?? []).map((department) => (
              <option key={department.id} value={department.id}>
                {'\u00a0\u00a0'.repeat(department.depth)}
                {department.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('department.month')}{' '}
          <input type="month" value={month} onChange={(event) => event.target.value && setSearch({ month: event.target.value })} />
        </label>
        <button type="button" onClick={exportCsv} disabled={!members.length || audited.busy}>
          {t('department.exportCsv')}
        </button>
      </div>
      {audited.error && (
        <p className="state error" role="alert">
          {audited.error}
        </p>
      )}
      {tree.error && <ErrorText error={tree.error} />}
      {result.error && <ErrorText error={result.error} />}
      {(tree.fetching || result.fetching) && !result.data && <Loading />}
      {result.data && !members.length && <Empty text={t('department.noMembers')} />}
      {members.length > 0 && (
        <>
          <p>{t('department.members', { count: result.data!.department.members.totalCount })}</p>
          <div className="table-wrap">
            <table className="dashboard" data-department={result.data!.department.id}>
              <thead>
                <tr>
                  <th scope="col">{t('department.name')}</th>
                  <th scope="col">{t('department.jobTitle')}</th>
                  <th scope="col" className="number">{t('department.late')}</th>
                  <th scope="col" className="number">{t('department.absent')}</th>
                  <th scope="col" className="number">{t('department.pending')}</th>
                  <th scope="col">{t('department.lastLog')}</th>
                </tr>
              </thead>
              <tbody>
                {members.map((member) => {
                  const log = lastLog.get(member.unionId);
                  return (
                    <tr key={member.unionId} data-union-id={member.unionId}>
                      <th scope="row">{member.displayName}</th>
                      <td>{member.title}</td>
                      <td className="number late">{member.attendance?.lateCount ?? '–'}</td>
                      <td className="number absent">{member.attendance?.absentDays ?? '–'}</td>
                      <td className="number pending">{(member.expenseClaims?.totals ?? []).map((money) => `${money.amount} ${money.currency}`).join(', ') || '–'}</td>
                      <td className="last-log">
                        {log ? (
                          <>
                            <span className="log-date">{log.date}</span> {log.text}
                            {log.voice && <audio controls preload="none" src={log.voice.url} aria-label={t('department.voice', { seconds: log.voice.durationSeconds ?? 0 })} />}
                          </>
                        ) : (
                          <span className="muted">{t('department.noLog')}</span>
                        )}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
          <div className="charts">
            <figure>
              <figcaption>{t('department.lateHeatmap')}</figcaption>
              <Chart option={charts.heatmap} label={t('department.lateHeatmap')} />
            </figure>
            <figure>
              <figcaption>{t('department.expenses')}</figcaption>
              {charts.hasExpenses ? <Chart option={charts.expenses} label={t('department.expenses')} /> : <Empty text={t('department.noExpenses')} />}
            </figure>
            <figure>
              <figcaption>{t('department.logRate')}</figcaption>
              <Chart option={charts.rate} label={t('department.logRate')} />
            </figure>
          </div>
        </>
      )}
    </section>
  );
}
