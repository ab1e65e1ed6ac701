import { useMemo } from 'react';
import { Link } from 'react-router';
import { useQuery } from 'urql';
import { useTranslation } from 'react-i18next';
import { graphql } from '../gql';
import { Empty, ErrorText, Loading } from '../lib/states';
import '../screens-a.css';

const CorpZoneQuery = graphql(`
  query OverviewCorpZone {
    me {
      corp {
        id
        timezone
      }
    }
  }
`);

// one day across the corp, counted by attendance: no employee's days are fetched here
const TodayQuery = graphql(`
  query OverviewToday($date: LocalDate!) {
    dayAttendance(date: $date, first: 8) {
      date
      memberCount
      workingCount
      checkedInCount
      lateCount
      onLeaveCount
      notCheckedInCount
      late {
        displayName
      }
      notCheckedIn {
        displayName
      }
    }
  }
`);

const WAITING_PAGE = 500;

const WaitingClaimsQuery = graphql(`
  query OverviewWaitingClaims($first: Int!) {
    approvalRequests(status: PENDING, subjectType: "ExpenseClaim", first: $first) {
      totalCount
      nodes {
        id
        currentStep
        steps {
          position
          label
        }
      }
    }
  }
`);

const URGENT_PAGE = 100;

const SentMessagesQuery = graphql(`
  query OverviewSentMessages($first: Int!) {
    sentMessages(first: $first) {
      nodes {
        id
        title
        priority
        recipientCount
        readCount
        createdAt
      }
    }
  }
`);

const InstalledModulesQuery = graphql(`
  query OverviewInstalledModules {
    installations(first: 100) {
      nodes {
        id
        status
        app {
          appId
          name
          vendor
        }
      }
    }
  }
`);

/** Today's date in an IANA zone, as YYYY-MM-DD (en-CA formats dates that way). */
export function todayIn(timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
}

function Names({ label, names, total }: { label: string; names: string[]; total: number }) {
  const { t } = useTranslation();
  if (!total) return null;
  const more = total - names.length;
  return <p className="names">{t(label, { names: names.join(', ') + (more > 0 ? ` (${t('overview.more', { count: more })})` : '') })}</p>;
}

function AttendanceCard() {
  const { t } = useTranslation();
  const [zone] = useQuery({ query: CorpZoneQuery });
  const timezone = zone.data?.me.corp.timezone;
  const date = useMemo(() => (timezone ? todayIn(timezone) : ''), [timezone]);
  const [today] = useQuery({ query: TodayQuery, variables: { date }, pause: !date });
  const day = today.data?.dayAttendance;
  const figures = day
    ? ([
        ['members', day.memberCount],
        ['working', day.workingCount],
        ['checkedIn', day.checkedInCount],
        ['late', day.lateCount],
        ['notCheckedIn', day.notCheckedInCount],
        ['onLeave', day.onLeaveCount],
      ] as const)
    : [];
  return (
    <section className="card" aria-labelledby="overview-attendance">
      <h2 id="overview-attendance">
        {t('overview.attendance')}
        {date && <span className="muted"> · {t('overview.today', { date })}</span>}
      </h2>
      {zone.error && <ErrorText error={zone.error} />}
      {today.error && <ErrorText error={today.error} />}
      {(zone.fetching || today.fetching) && !day && <Loading />}
      {day && (
        <>
          <dl className="figures">
            {figures.map(([key, value]) => (
              <div key={key} className={`figure ${key}`} data-figure={key}>
                <dt>{t(`overview.${key}`)}</dt>
                <dd>{value}</dd>
              </div>
            ))}
          </dl>
          {day.workingCount === 0 && <Empty text={t('overview.nobodyWorking')} />}
          <Names label="overview.lateNames" names={day.late.map((person) => person.displayName)} total={day.lateCount} />
          <Names label="overview.notCheckedInNames" names={day.notCheckedIn.map((person) => person.displayName)} total={day.notCheckedInCount} />
        </>
      )}
    </section>
  );
}

function ApprovalsCard() {
  const { t } = useTranslation();
  const [result] = useQuery({ query: WaitingClaimsQuery, variables: { first: WAITING_PAGE } });
  const connection = result.data?.approvalRequests;
  // waiting requests grouped by the label of the step they wait at
  const bySteps = useMemo(() => {
    const counts = new Map<string, number>();
    for (const request of connection?.nodes ?? []) {
      const step = request.steps.find((candidate) => candidate.position === request.currentStep);
      const label = step?.label ?? '–';
      counts.set(label, (counts.get(label) ?? 0) + 1);
    }
    return [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  }, [connection]);
  return (
    <section className="card" aria-labelledby="overview-approvals">
      <h2 id="overview-approvals">{t('overview.approvals')}</h2>
      {result.error && <ErrorText error={result.error} />}
      {result.fetching && !connection && <Loading />}
      {connection && !connection.totalCount && <Empty text={t('overview.noApprovals')} />}
      {bySteps.length > 0 && (
        <table className="compact waiting-steps">
          <thead>
            <tr>
              <th scope="col">{t('overview.approvalStep')}</th>
              <th scope="col" className="number">
                {t('overview.waiting')}
              </th>
            </tr>
          </thead>
          <tbody>
            {bySteps.map(([label, count]) => (
              <tr key={label}>
                <th scope="row">{label}</th>
                <td className="number">{count}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {connection && connection.totalCount > connection.nodes.length && <p className="muted">{t('overview.approvalsPaged', { count: connection.nodes.length })}</p>}
      <p>
        <Link to="/approvals">{t('approvals.inbox')}</Link>
      </p>
    </section>
  );
}

function UrgentCard() {
  const { t } = useTranslation();
  const [result] = useQuery({ query: SentMessagesQuery, variables: { first: URGENT_PAGE } });
  const unread = (result.data?.sentMessages.nodes ?? []).filter((message) => message.priority === 'URGENT' && message.readCount < message.recipientCount);
  return (
    <section className="card" aria-labelledby="overview-urgent">
      <h2 id="overview-urgent">{t('overview.urgent')}</h2>
      {result.error && <ErrorText error={result.error} />}
      {result.fetching && !result.data && <Loading />}
      {result.data && !unread.length && <Empty text={t('overview.noUrgent')} />}
      {unread.length > 0 && (
        <ul className="plain urgent-messages">
          {unread.map((message) => (
            <li key={message.id} data-message-id={message.id}>
              <strong>{message.title}</strong> <span className="muted">{t('overview.urgentUnread', { unread: message.recipientCount - message.readCount, recipients: message.recipientCount })}</span>
            </li>
          ))}
        </ul>
      )}
      <p>
        <Link to="/messages">{t('messages.title')}</Link>
      </p>
    </section>
  );
}

function ModulesCard() {
  const { t } = useTranslation();
  const [result] = useQuery({ query: InstalledModulesQuery });
  const installed = (result.data?.installations.nodes ?? []).filter((installation) => installation.status === 'INSTALLED');
  return (
    <section className="card" aria-labelledby="overview-modules">
      <h2 id="overview-modules">{t('overview.modules')}</h2>
      {result.error && <ErrorText error={result.error} />}
      {result.fetching && !result.data && <Loading />}
      {result.data && !installed.length && <Empty text={t('overview.noModules')} />}
      {installed.length > 0 && (
        <ul className="plain installed-modules">
          {installed.map((installation) => (
            <li key={installation.id} data-app-id={installation.app.appId}>
              <strong>{installation.app.name}</strong> <span className="muted">{t('overview.vendor', { vendor: installation.app.vendor })}</span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/** Today across the corp: attendance, claims waiting at each step, urgent messages not yet read, installed modules. */
export function OverviewScreen() {
  const { t } = useTranslation();
  return (
    <section aria-labelledby="screen-title">
      <h1 id="screen-title">{t('overview.title')}</h1>
      <div className="cards">
        <AttendanceCard />
        <ApprovalsCard />
        <UrgentCard />
        <ModulesCard />
      </div>
    </section>
  );
}
