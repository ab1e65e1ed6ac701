// What `npm run bench` measures. Adding a query is one entry:
//   name        short id, used in tables and results
//   title       what it stands for
//   requires    subgraphs it needs: skipped (and said so) until they are all in the hub
//   direct      the one subgraph that can answer it alone (the limit), or null when it spans several
//   sql         true: count SQL statements per request, per subgraph, through our gateway
//   query       the GraphQL document
//   variables   (data, pick) => variables; `pick(list)` draws a random element under load and the first
//               element for the answer check, so one function serves both
//   varies      true when variables differ per request (no two clients ask the same thing)
//   callers     sent by this many callers in turn (admins of the corp, each with a token or verified context of
//               their own) instead of one: nothing is shared or batched across callers
//   prepare     optional ({ request }) => data the variables need, read once through the direct subgraph

import { BENCH_DEPARTMENTS } from './seeders.mjs';

const day = (offset) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

/** The 30 days before today (UTC): the month of check-ins the attendance seed writes. */
function lastMonth() {
  return { from: day(-30), to: day(-1) };
}

/** 30-day windows ending 1 to 30 days ago (the first: the last month), for `dashboard-varied`. */
const WINDOWS = Array.from({ length: 30 }, (_, k) => ({ from: day(-30 - k), to: day(-1 - k) }));

const DASHBOARD = /* GraphQL */ `query Dashboard($department: ID!, $first: Int!, $subtree: Boolean!, $from: LocalDate!, $to: LocalDate!) {
  department(id: $department) {
    name
    members(first: $first, includeSubdepartments: $subtree) {
      edges { node {
        displayName title
        attendance(from: $from, to: $to) { lateCount absentDays }
        expenseClaims(status: SUBMITTED) { totalCount total { amount currency } }
        workLogs(first: 1) { edges { node { date text voice { durationSeconds url } } } }
      } }
    }
  }
}`;

const PERSON_FIELDS = /* GraphQL */ `unionId displayName corp { name }`;

/** A page of 50 people after a cursor drawn at random from every person's. */
const AFTER_RANDOM_CURSOR = {
  requires: ['identity'],
  direct: 'identity',
  varies: true,
  query: /* GraphQL */ `query PeopleAfter($first: Int!, $after: String) { people(first: $first, after: $after) { nodes { ${PERSON_FIELDS} } } }`,
  variables: (data, pick) => ({ first: 50, after: pick(data.cursors) }),
  // every person's cursor, 500 at a time
  async prepare({ request }) {
    const cursors = [];
    let after = null;
    do {
      const page = await request(/* GraphQL */ `query($after: String) { people(first: 500, after: $after) { edges { cursor } pageInfo { hasNextPage endCursor } } }`, { after });
      cursors.push(...page.people.edges.map((edge) => edge.cursor));
      after = page.people.pageInfo.hasNextPage ? page.people.pageInfo.endCursor : null;
    } while (after);
    return { cursors };
  },
};

export const queries = [
  {
    name: 'me',
    title: 'one-subgraph lookup: me { unionId corp { name } }',
    requires: ['identity'],
    direct: 'identity',
    query: /* GraphQL */ `query Me { me { unionId corp { name } } }`,
    variables: () => ({}),
  },
  {
    name: 'people-50',
    title: 'list, page 50, the same request every time',
    requires: ['identity'],
    direct: 'identity',
    sql: true,
    query: /* GraphQL */ `query People($first: Int!) { people(first: $first) { nodes { ${PERSON_FIELDS} } } }`,
    variables: () => ({ first: 50 }),
  },
  {
    name: 'people-500',
    title: 'wide list, page 500, the same request every time',
    requires: ['identity'],
    direct: 'identity',
    sql: true,
    query: /* GraphQL */ `query People($first: Int!) { people(first: $first) { nodes { ${PERSON_FIELDS} } } }`,
    variables: () => ({ first: 500 }),
  },
  {
    name: 'people-50-varied',
    title: 'list, page 50 after a random cursor: different variables on every request',
    ...AFTER_RANDOM_CURSOR,
  },
  {
    // the same, each request from another caller: the in-flight deduplication and batching of ours apply only
    // within one caller, so this is a gateway's figure when no two requests in flight share anything
    name: 'people-50-callers',
    title: 'list, page 50 after a random cursor, 100 callers in turn: nothing to share or batch',
    ...AFTER_RANDOM_CURSOR,
    callers: 100,
  },
  {
    // PRODUCT.md's dashboard query, field for field, over a division of the bench corp (its six teams'
    // members too: about 1,250 of 10,000 people), page 50
    name: 'dashboard',
    title: 'PRODUCT.md dashboard: a department, page 50, five subgraphs',
    requires: ['identity', 'directory', 'attendance', 'expenses', 'logs'],
    direct: null,
    sql: true,
    query: DASHBOARD,
    variables: () => ({ department: BENCH_DEPARTMENTS.division, first: 50, subtree: true, ...lastMonth() }),
  },
  {
    // the dashboard as admins open it: each request another department (the whole corp, a division or a team)
    // and another 30-day window, from 100 callers in turn: nothing in flight at once is shared (deduplicated)
    // or batched, so the subgraphs' work per dashboard shows as it is
    name: 'dashboard-varied',
    title: 'the dashboard, a random department and 30-day window per request, 100 callers in turn: nothing to share or batch',
    requires: ['identity', 'directory', 'attendance', 'expenses', 'logs'],
    direct: null,
    varies: true,
    callers: 100,
    query: DASHBOARD,
    variables: (data, pick) => ({ department: pick(BENCH_DEPARTMENTS.all), first: 50, subtree: true, ...pick(WINDOWS) }),
  },
  {
    // the same at page 500: SQL statements per request must not grow with the page
    name: 'dashboard-500',
    title: 'the dashboard, page 500, five subgraphs',
    requires: ['identity', 'directory', 'attendance', 'expenses', 'logs'],
    direct: null,
    sql: true,
    query: DASHBOARD,
    variables: () => ({ department: BENCH_DEPARTMENTS.division, first: 500, subtree: true, ...lastMonth() }),
  },
];

/**
 * The department monthly attendance summary (attendance reads the department's members from the directory
 * through our gateway, then sums a month of check-ins in one statement): timed on its own for a division and
 * for the whole corp (the root), on SQLite and on PostgreSQL, not loaded.
 */
export const departmentSummary = {
  title: 'department monthly attendance summary: departmentAttendance over a division (its six teams) and over the whole corp',
  /** Which departments are timed, by label. */
  departments: { division: BENCH_DEPARTMENTS.division, 'whole corp': BENCH_DEPARTMENTS.root },
  query: /* GraphQL */ `query Summary($department: ID!, $month: String!) {
    departmentAttendance(departmentId: $department, month: $month, top: 5) {
      memberCount totals { workDays lateCount absentDays } mostExceptions { displayName exceptionCount }
    }
  }`,
  variables: (department = BENCH_DEPARTMENTS.division) => ({ department, month: lastMonth().to.slice(0, 7) }),
};
