import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { useClient, useMutation, useQuery, type CombinedError } from 'urql';
import { useTranslation } from 'react-i18next';
import { graphql } from '../gql';
import { Empty, ErrorText, Loading } from '../lib/states';
import '../screens-a.css';

const INBOX_PAGE = 100;

// the one inbox across modules (approvals subgraph): what waits for the signed-in person's decision
const InboxQuery = graphql(`
  query ApprovalsInbox($first: Int!) {
    me {
      pendingApprovals(first: $first) {
        totalCount
        nodes {
          id
          title
          subjectType
          createdAt
          currentStep
          amount {
            amount
            currency
          }
          requester {
            unionId
            displayName
          }
          steps {
            position
            label
          }
        }
      }
    }
  }
`);

const RequestQuery = graphql(`
  query ApprovalRequestDetail($id: ID!) {
    approvalRequest(id: $id) {
      id
      title
      summary
      status
      version
      subjectType
      currentStep
      createdAt
      amount {
        amount
        currency
      }
      requester {
        unionId
        displayName
      }
      steps {
        position
        label
        status
        approvers {
          approverUnionId
          decision
          waiting
          approver {
            displayName
          }
        }
      }
      history {
        id
        action
        actor
        comment
        at
      }
      expenseClaim {
        id
        title
        totals {
          amount
          currency
        }
        items {
          id
          category
          incurredOn
          merchant
          note
          amount {
            amount
            currency
          }
          invoice {
            id
            mimeType
            url
          }
        }
      }
    }
  }
`);

const DecideMutation = graphql(`
  mutation DecideApproval($input: DecideApprovalInput!) {
    decideApproval(input: $input) {
      id
      status
      version
      currentStep
    }
  }
`);

type Decision = 'APPROVE' | 'REJECT' | 'SEND_BACK';

const codeOf = (error: CombinedError): unknown => error.graphQLErrors[0]?.extensions?.code;

const formatTime = (iso: string, language: string) => new Date(iso).toLocaleString(language, { dateStyle: 'medium', timeStyle: 'short' });

/** The signed-in approver's inbox, oldest first. */
export function ApprovalsScreen() {
  const { t, i18n } = useTranslation();
  const [result] = useQuery({ query: InboxQuery, variables: { first: INBOX_PAGE }, requestPolicy: 'cache-and-network' });
  const inbox = result.data?.me.pendingApprovals;
  return (
    <section aria-labelledby="screen-title">
      <h1 id="screen-title">{t('approvals.title')}</h1>
      <h2>{t('approvals.inbox')}</h2>
      {result.error && <ErrorText error={result.error} />}
      {result.fetching && !inbox && <Loading />}
      {inbox && !inbox.totalCount && <Empty text={t('approvals.empty')} />}
      {inbox && inbox.totalCount > 0 && (
        <>
          <p>{t('approvals.waitingCount', { count: inbox.totalCount })}</p>
          <div className="table-wrap">
            <table className="dashboard approvals-inbox">
              <thead>
                <tr>
                  <th scope="col">{t('approvals.what')}</th>
                  <th scope="col">{t('approvals.requester')}</th>
                  <th scope="col" className="number">
                    {t('approvals.amount')}
                  </th>
                  <th scope="col">{t('approvals.step')}</th>
                  <th scope="col">{t('approvals.requested')}</th>
                </tr>
              </thead>
              <tbody>
                {inbox.nodes.map((request) => (
                  <tr key={request.id} data-approval-id={request.id}>
                    <th scope="row">
                      <Link to={`/approvals/${encodeURIComponent(request.id)}`}>{request.title}</Link>
                    </th>
                    <td>{request.requester.displayName}</td>
                    <td className="number">{request.amount ? `${request.amount.amount} ${request.amount.currency}` : '–'}</td>
                    <td>{request.steps.find((step) => step.position === request.currentStep)?.label ?? '–'}</td>
                    <td>{formatTime(request.createdAt, i18n.language)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </section>
  );
}

/** One request: what is asked (an expense claim with its invoices), its steps and history, and the decision. */
export function ApprovalScreen() {
  const { t, i18n } = useTranslation();
  const { id = '' } = useParams();
  const [result, refetch] = useQuery({ query: RequestQuery, variables: { id }, requestPolicy: 'network-only' });
  const [decision, decide] = useMutation(DecideMutation);
  const [reason, setReason] = useState('');
  const [refusal, setRefusal] = useState<string>();
  const [outcome, setOutcome] = useState<{ kind: 'done'; decision: Decision } | { kind: 'lost'; status: string } | { kind: 'error'; error: CombinedError }>();
  const client = useClient();
  const request = result.data?.approvalRequest;
  const statusText = (status: string) => t(`approvals.statuses.${status}`, { defaultValue: status });

  const send = async (choice: Decision) => {
    if (!request || decision.fetching) return;
    setRefusal(undefined);
    if (choice !== 'APPROVE' && !reason.trim()) {
      setRefusal(t('approvals.reasonRequired'));
      return;
    }
    const answer = await decide({ input: { id: request.id, version: request.version, decision: choice, ...(reason.trim() ? { comment: reason.trim() } : {}) } });
    if (!answer.error) setOutcome({ kind: 'done', decision: choice });
    else if (codeOf(answer.error) === 'CONFLICT') {
      // a lost race: another approver (or a second tab) decided first; say what it is now, read afresh
      const fresh = await client.query(RequestQuery, { id: request.id }, { requestPolicy: 'network-only' }).toPromise();
      setOutcome({ kind: 'lost', status: fresh.data?.approvalRequest.status ?? request.status });
    } else setOutcome({ kind: 'error', error: answer.error });
    refetch({ requestPolicy: 'network-only' });
  };

  const waitsForMe = request?.status === 'PENDING' && !outcome;
  return (
    <section aria-labelledby="screen-title">
      <p>
        <Link to="/approvals">{t('approvals.back')}</Link>
      </p>
      <h1 id="screen-title">{request ? t('approvals.detailTitle', { title: request.title }) : t('approvals.title')}</h1>
      {result.error && <ErrorText error={result.error} />}
      {result.fetching && !request && <Loading />}
      {request && (
        <>
          <div className="panel">
            <dl className="facts">
              <dt>{t('approvals.status')}</dt>
              <dd className="approval-status" data-status={request.status}>
                {statusText(request.status)}
              </dd>
              <dt>{t('approvals.requester')}</dt>
              <dd>{request.requester.displayName}</dd>
              {request.amount && (
                <>
                  <dt>{t('approvals.amount')}</dt>
                  <dd>
                    {request.amount.amount} {request.amount.currency}
                  </dd>
                </>
              )}
              <dt>{t('approvals.requested')}</dt>
              <dd>{formatTime(request.createdAt, i18n.language)}</dd>
            </dl>
            {request.summary && <p>{request.summary}</p>}
          </div>
          {request.expenseClaim && (
            <div className="panel">
              <h2>
                {t('approvals.claim')}: {request.expenseClaim.title}
              </h2>
              <div className="table-wrap">
                <table className="claim-items">
                  <thead>
                    <tr>
                      <th scope="col">{t('approvals.category')}</th>
                      <th scope="col">{t('approvals.incurredOn')}</th>
                      <th scope="col">{t('approvals.merchant')}</th>
                      <th scope="col" className="number">
                        {t('approvals.amount')}
                      </th>
                      <th scope="col">{t('approvals.invoice')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {request.expenseClaim.items.map((item) => (
                      <tr key={item.id}>
                        <td>{item.category}</td>
                        <td>{item.incurredOn}</td>
                        <td>{item.merchant ?? '–'}</td>
                        <td className="number">
                          {item.amount.amount} {item.amount.currency}
                        </td>
                        <td className="invoice">
                          {!item.invoice && <span className="muted">{t('approvals.noInvoice')}</span>}
                          {item.invoice?.mimeType.startsWith('image/') && (
                            <a href={item.invoice.url} target="_blank" rel="noopener">
                              <img src={item.invoice.url} alt={t('approvals.invoiceAlt', { category: item.category, date: item.incurredOn })} />
                            </a>
                          )}
                          {item.invoice && !item.invoice.mimeType.startsWith('image/') && (
                            <a href={item.invoice.url} target="_blank" rel="noopener">
                              {t('approvals.openInvoice', { type: item.invoice.mimeType })}
                            </a>
                          )}
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            </div>
          )}
          {outcome?.kind === 'done' && (
            <p className="state ok" role="status">
              {t(`approvals.decided.${outcome.decision}`)}
            </p>
          )}
          {outcome?.kind === 'lost' && (
            <p className="state error lost-race" role="alert">
              {t('approvals.lostRace', { status: statusText(outcome.status) })}
            </p>
          )}
          {outcome?.kind === 'error' && <ErrorText error={outcome.error} />}
          {waitsForMe && (
            <form className="panel decision" onSubmit={(event) => event.preventDefault()}>
              <label>
                {t('approvals.reason')}
                <textarea value={reason} onChange={(event) => setReason(event.target.value)} rows={3} maxLength={2000} />
              </label>
              {refusal && (
                <p className="state error" role="alert">
                  {refusal}
                </p>
              )}
              {decision.fetching && <p role="status">{t('approvals.deciding')}</p>}
              <div className="actions">
                <button type="button" className="primary" disabled={decision.fetching} onClick={() => void send('APPROVE')}>
                  {t('approvals.approve')}
                </button>
                <button type="button" disabled={decision.fetching} onClick={() => void send('REJECT')}>
                  {t('approvals.reject')}
                </button>
                <button type="button" disabled={decision.fetching} onClick={() => void send('SEND_BACK')}>
                  {t('approvals.sendBack')}
                </button>
              </div>
            </form>
          )}
          <div className="panel">
            <h2>{t('approvals.steps')}</h2>
            <ol className="steps">
              {request.steps.map((step) => (
                <li key={step.position}>
                  <strong>{step.label}</strong> · {step.status} · {step.approvers.map((approver) => `${approver.approver.displayName}${approver.decision ? ` (${approver.decision})` : ''}`).join(', ')}
                </li>
              ))}
            </ol>
            <h2>{t('approvals.history')}</h2>
            <ol className="history">
              {request.history.map((event) => (
                <li key={event.id}>
                  {formatTime(event.at, i18n.language)} · {event.action}
                  {event.comment ? `: ${event.comment}` : ''}
                </li>
              ))}
            </ol>
          </div>
        </>
      )}
    </section>
  );
}
