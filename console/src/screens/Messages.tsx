import { useMemo, useState } from 'react';
import { useMutation, useQuery } from 'urql';
import { useTranslation } from 'react-i18next';
import { graphql } from '../gql';
import { Empty, ErrorText, Loading } from '../lib/states';
import '../screens-a.css';

const AudienceQuery = graphql(`
  query MessageAudience {
    departments {
      id
      name
      depth
    }
    tags {
      name
    }
  }
`);

const PeopleSearchQuery = graphql(`
  query MessagePeopleSearch($query: String!) {
    employees(first: 10, filter: { query: $query }) {
      nodes {
        unionId
        displayName
        title
      }
    }
  }
`);

const SENT_PAGE = 50;

const SentQuery = graphql(`
  query SentMessages($first: Int!) {
    sentMessages(first: $first) {
      nodes {
        id
        title
        priority
        recipientCount
        readCount
        createdAt
        app {
          name
        }
        sentBy {
          displayName
        }
      }
    }
  }
`);

const SendMutation = graphql(`
  mutation SendConsoleMessage($input: SendMessageInput!) {
    sendMessage(input: $input) {
      id
      recipientCount
      readCount
    }
  }
`);

type Priority = 'NORMAL' | 'HIGH' | 'URGENT';
const PRIORITIES: Priority[] = ['NORMAL', 'HIGH', 'URGENT'];

// one key per message being written: a double click or a retry after a lost answer sends it once
const newKey = () => `console-${crypto.randomUUID()}`;

function PeoplePicker({ chosen, onChange }: { chosen: { unionId: string; displayName: string }[]; onChange: (people: { unionId: string; displayName: string }[]) => void }) {
  const { t } = useTranslation();
  const [query, setQuery] = useState('');
  const [found] = useQuery({ query: PeopleSearchQuery, variables: { query: query.trim() }, pause: query.trim().length < 1 });
  const results = (found.data?.employees.nodes ?? []).filter((person) => !chosen.some((known) => known.unionId === person.unionId));
  return (
    <div>
      <label>
        {t('messages.findPeople')} <input type="search" value={query} onChange={(event) => setQuery(event.target.value)} />
      </label>
      {found.error && <ErrorText error={found.error} />}
      {query.trim() && found.data && !found.data.employees.nodes.length && <Empty text={t('messages.noPeopleFound')} />}
      {results.length > 0 && (
        <ul className="chips found-people">
          {results.map((person) => (
            <li key={person.unionId}>
              <button type="button" onClick={() => onChange([...chosen, { unionId: person.unionId, displayName: person.displayName }])} aria-label={t('messages.add', { name: person.displayName })}>
                + {person.displayName}
              </button>
            </li>
          ))}
        </ul>
      )}
      {chosen.length > 0 && (
        <ul className="chips chosen-people">
          {chosen.map((person) => (
            <li key={person.unionId}>
              <button type="button" onClick={() => onChange(chosen.filter((known) => known.unionId !== person.unionId))} aria-label={t('messages.remove', { name: person.displayName })}>
                {person.displayName} ×
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

function Compose({ onSent }: { onSent: () => void }) {
  const { t } = useTranslation();
  const [audience] = useQuery({ query: AudienceQuery });
  const [sending, send] = useMutation(SendMutation);
  const [departments, setDepartments] = useState<string[]>([]);
  const [tags, setTags] = useState<string[]>([]);
  const [people, setPeople] = useState<{ unionId: string; displayName: string }[]>([]);
  const [title, setTitle] = useState('');
  const [body, setBody] = useState('');
  const [priority, setPriority] = useState<Priority>('NORMAL');
  const [key, setKey] = useState(newKey);
  const [notice, setNotice] = useState<{ ok: boolean; text: string }>();

  const submit = async () => {
    setNotice(undefined);
    if (!departments.length && !tags.length && !people.length) return setNotice({ ok: false, text: t('messages.needRecipients') });
    if (!title.trim() || !body.trim()) return setNotice({ ok: false, text: t('messages.needText') });
    const answer = await send({
      input: {
        title,
        body,
        priority,
        idempotencyKey: key,
        to: {
          ...(departments.length ? { departments: departments.map((id) => ({ id, includeSubdepartments: true })) } : {}),
          ...(tags.length ? { tags } : {}),
          ...(people.length ? { unionIds: people.map((person) => person.unionId) } : {}),
        },
      },
    });
    if (answer.error) {
      setNotice({ ok: false, text: t('error', { message: answer.error.graphQLErrors.map((error) => error.message).join('; ') || answer.error.message }) });
      return;
    }
    setNotice({ ok: true, text: t('messages.sent', { count: answer.data?.sendMessage.recipientCount ?? 0 }) });
    setTitle('');
    setBody('');
    setKey(newKey());
    onSent();
  };

  return (
    <form
      className="panel compose"
      onSubmit={(event) => {
        event.preventDefault();
        void submit();
      }}
    >
      <h2>{t('messages.compose')}</h2>
      {audience.error && <ErrorText error={audience.error} />}
      <fieldset>
        <legend>{t('messages.to')}</legend>
        <div className="checks">
          <label>
            {t('messages.departments')}
            <br />
            <select multiple size={5} value={departments} onChange={(event) => setDepartments([...event.target.selectedOptions].map((option) => option.value))}>
              {(audience.data?.departments ?? []).map((department) => (
                <option key={department.id} value={department.id}>
                  {'\u00a0\u00a0'.repeat(department.depth)}
                  {department.name}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t('messages.tags')}
            <br />
            <select multiple size={5} value={tags} onChange={(event) => setTags([...event.target.selectedOptions].map((option) => option.value))}>
              {(audience.data?.tags ?? []).map((tag) => (
                <option key={tag.name} value={tag.name}>
                  {tag.name}
                </option>
              ))}
            </select>
          </label>
        </div>
        <PeoplePicker chosen={people} onChange={setPeople} />
      </fieldset>
      <label>
        {t('messages.subject')}
        <input type="text" value={title} maxLength={200} onChange={(event) => setTitle(event.target.value)} />
      </label>
      <label>
        {t('messages.body')}
        <textarea value={body} rows={4} maxLength={4000} onChange={(event) => setBody(event.target.value)} />
      </label>
      <label>
        {t('messages.priority')}{' '}
        <select value={priority} onChange={(event) => setPriority(event.target.value as Priority)}>
          {PRIORITIES.map((level) => (
            <option key={level} value={level}>
              {t(`messages.priorities.${level}`)}
            </option>
          ))}
        </select>
      </label>
      {notice && (
        <p className={`state ${notice.ok ? 'ok' : 'error'}`} role={notice.ok ? 'status' : 'alert'}>
          {notice.text}
        </p>
      )}
      <div className="actions">
        {/* not disabled while sending: a second click reuses the key, and the hub answers the first message */}
        <button type="submit" className="primary">
          {sending.fetching ? t('messages.sending') : t('messages.send')}
        </button>
      </div>
    </form>
  );
}

/** Compose to departments, tags or people with an urgency; the sent messages with delivered and read counts. */
export function MessagesScreen() {
  const { t, i18n } = useTranslation();
  const [sent, refetch] = useQuery({ query: SentQuery, variables: { first: SENT_PAGE } });
  const messages = useMemo(() => sent.data?.sentMessages.nodes ?? [], [sent.data]);
  return (
    <section aria-labelledby="screen-title">
      <h1 id="screen-title">{t('messages.title')}</h1>
      <Compose onSent={() => refetch({ requestPolicy: 'network-only' })} />
      <div className="panel">
        <h2>{t('messages.sentTitle')}</h2>
        {sent.error && <ErrorText error={sent.error} />}
        {sent.fetching && !sent.data && <Loading />}
        {sent.data && !messages.length && <Empty text={t('messages.noneSent')} />}
        {messages.length > 0 && (
          <div className="table-wrap">
            <table className="dashboard sent-messages">
              <thead>
                <tr>
                  <th scope="col">{t('messages.subject')}</th>
                  <th scope="col">{t('messages.priority')}</th>
                  <th scope="col">{t('messages.from')}</th>
                  <th scope="col" className="number">
                    {t('messages.delivered')}
                  </th>
                  <th scope="col" className="number">
                    {t('messages.read')}
                  </th>
                  <th scope="col">{t('messages.sentAt')}</th>
                </tr>
              </thead>
              <tbody>
                {messages.map((message) => (
                  <tr key={message.id} data-message-id={message.id}>
                    <th scope="row">{message.title}</th>
                    <td>{t(`messages.priorities.${message.priority}`)}</td>
                    <td>{message.app?.name ?? message.sentBy?.displayName ?? t('messages.admin')}</td>
                    <td className="number delivered">{message.recipientCount}</td>
                    <td className="number read">{message.readCount}</td>
                    <td>{new Date(message.createdAt).toLocaleString(i18n.language, { dateStyle: 'medium', timeStyle: 'short' })}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </div>
    </section>
  );
}
