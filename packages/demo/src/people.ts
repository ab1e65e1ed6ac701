import { AdminRoleKind, type DemoPerson } from '@corphub/module-kit';

/**
 * The demo corp that `npm start` seeds. Its ids are fixed so that `npm run token -- --corp demo`
 * can sign a token for the seeded admin without reading a database.
 */
export const DEMO = {
  corpId: 'demo',
  corpName: 'Demo Trading Co.',
  timezone: 'Asia/Shanghai',
  /** Opaque like every unionId; fixed only so that the demo token matches the seeded person. */
  adminUnionId: 'un_7k2m9q4x8d1f6h3p',
} as const;


/**
 * The demo corp's people: identity seeds each as a Person, the directory as an Employee (same unionId),
 * so every module's demo data joins across subgraphs. The first is the demo admin.
 */
export const DEMO_PEOPLE: readonly DemoPerson[] = [
  { unionId: DEMO.adminUnionId, displayName: 'Demo Admin', email: 'admin@demo.example' },
  { unionId: 'un_3v8r2n6t9w4y7z5a', displayName: 'Li Wei', email: 'li.wei@demo.example' },
  { unionId: 'un_5c9e2g7j4m8p3s6u', displayName: 'Zhang Min', email: 'zhang.min@demo.example' },
  { unionId: 'un_8b4d6f2h9k3n7q5t', displayName: 'Wang Fang', email: 'wang.fang@demo.example' },
  { unionId: 'un_yjq5mgwaexfd463g', displayName: 'Chen Jing', email: 'chen.jing@demo.example' },
  { unionId: 'un_h78c84pnajqhcgzj', displayName: 'Liu Yang', email: 'liu.yang@demo.example' },
  { unionId: 'un_n2bj8zjscirj2ryc', displayName: 'Huang Lei', email: 'huang.lei@demo.example' },
  { unionId: 'un_4fvhwwdg6ny4px9q', displayName: 'Zhao Xin', email: 'zhao.xin@demo.example' },
  { unionId: 'un_rj4ddh9qfcm4g4wc', displayName: 'Wu Hao', email: 'wu.hao@demo.example' },
  { unionId: 'un_hs8qmvss96zk7ccb', displayName: 'Zhou Ting', email: 'zhou.ting@demo.example' },
  { unionId: 'un_rzq6cpgvvyyhxsgq', displayName: 'Xu Lin', email: 'xu.lin@demo.example' },
  { unionId: 'un_8ntf6vzr2wbmfisq', displayName: 'Sun Qiang', email: 'sun.qiang@demo.example' },
  { unionId: 'un_fx2nue4viwzm6h4a', displayName: 'Ma Lan', email: 'ma.lan@demo.example' },
  { unionId: 'un_pxympfh3ngi6tsia', displayName: 'Zhu Peng', email: 'zhu.peng@demo.example' },
  { unionId: 'un_jrvwuzwd5avswa9q', displayName: 'Hu Yan', email: 'hu.yan@demo.example' },
  { unionId: 'un_jq7b8pwcrpabjghh', displayName: 'Guo Jun', email: 'guo.jun@demo.example' },
  { unionId: 'un_xq22hj6md8qwsv8k', displayName: 'He Mei', email: 'he.mei@demo.example' },
  { unionId: 'un_zmwsj78czh9eubeg', displayName: 'Lin Tao', email: 'lin.tao@demo.example' },
  { unionId: 'un_ns43uk58d7mrkur5', displayName: 'Luo Qing', email: 'luo.qing@demo.example' },
  { unionId: 'un_6bmb2qe6j7y6jk2m', displayName: 'Gao Bo', email: 'gao.bo@demo.example' },
  { unionId: 'un_dntgyvvvbe5yp26d', displayName: 'Zheng Hui', email: 'zheng.hui@demo.example' },
  { unionId: 'un_zc4m39f4pwbn3rtz', displayName: 'Liang Rui', email: 'liang.rui@demo.example' },
  { unionId: 'un_wb4vrh6yij94dica', displayName: 'Song Ling', email: 'song.ling@demo.example' },
  { unionId: 'un_eagjtev3zzfbdbue', displayName: 'Xie Dong', email: 'xie.dong@demo.example' },
  { unionId: 'un_nwec7dtp629vt26i', displayName: 'Tang Yu', email: 'tang.yu@demo.example' },
  { unionId: 'un_t3hjynfdd2wbg64d', displayName: 'Han Xue', email: 'han.xue@demo.example' },
  { unionId: 'un_ymrbpqyzmjg4g7e9', displayName: 'Feng Kai', email: 'feng.kai@demo.example' },
  { unionId: 'un_fm9apkshisxyteui', displayName: 'Deng Li', email: 'deng.li@demo.example' },
  { unionId: 'un_8iic3ekkfphcnbin', displayName: 'Cao Ning', email: 'cao.ning@demo.example' },
  { unionId: 'un_7gyqecxj8c9hnftb', displayName: 'Peng Fei', email: 'peng.fei@demo.example' },
];

/**
 * The demo corp's org chart, per person (by email, see DEMO_PEOPLE): title, departments (primary first),
 * manager (the part of their email before @), tags. The directory seeds it; modules seed data that follows it.
 */
export const DEMO_ORG: Readonly<Record<string, [title: string, departments: string[], manager: string | null, tags: string[]]>> = {
  'admin@demo.example': ['Chief Executive Officer', ['management'], null, ['leadership']],
  'li.wei@demo.example': ['Head of Sales', ['sales'], 'admin', ['leadership']],
  'zhang.min@demo.example': ['Head of Engineering', ['engineering'], 'admin', ['leadership']],
  'wang.fang@demo.example': ['Chief Financial Officer', ['finance'], 'admin', ['leadership', 'finance']],
  'chen.jing@demo.example': ['Sales Lead North', ['sales-north'], 'li.wei', []],
  'liu.yang@demo.example': ['Account Executive', ['sales-north'], 'chen.jing', []],
  'huang.lei@demo.example': ['Account Executive', ['sales-north'], 'chen.jing', []],
  'zhao.xin@demo.example': ['Sales Lead South', ['sales-south'], 'li.wei', []],
  'wu.hao@demo.example': ['Account Executive', ['sales-south'], 'zhao.xin', ['first-aider']],
  'zhou.ting@demo.example': ['Account Executive', ['sales-south'], 'zhao.xin', []],
  'xu.lin@demo.example': ['Sales Operations Specialist', ['sales'], 'li.wei', []],
  'sun.qiang@demo.example': ['Platform Lead', ['platform'], 'zhang.min', []],
  'ma.lan@demo.example': ['Backend Engineer', ['platform'], 'sun.qiang', []],
  'zhu.peng@demo.example': ['Backend Engineer', ['platform'], 'sun.qiang', ['on-call']],
  'hu.yan@demo.example': ['Site Reliability Engineer', ['platform'], 'sun.qiang', ['on-call']],
  'guo.jun@demo.example': ['Mobile Lead', ['mobile'], 'zhang.min', []],
  'he.mei@demo.example': ['iOS Engineer', ['mobile'], 'guo.jun', []],
  'lin.tao@demo.example': ['Android Engineer', ['mobile'], 'guo.jun', []],
  'luo.qing@demo.example': ['Product Designer', ['engineering'], 'zhang.min', []],
  'gao.bo@demo.example': ['QA Engineer', ['engineering'], 'zhang.min', ['first-aider']],
  'zheng.hui@demo.example': ['Accounting Manager', ['accounting'], 'wang.fang', ['finance']],
  'liang.rui@demo.example': ['Accountant', ['accounting'], 'zheng.hui', ['finance']],
  'song.ling@demo.example': ['Accountant', ['accounting'], 'zheng.hui', ['finance']],
  'xie.dong@demo.example': ['Financial Analyst', ['finance'], 'wang.fang', ['finance']],
  'tang.yu@demo.example': ['Office Manager', ['management'], 'admin', ['first-aider']],
  'han.xue@demo.example': ['HR Manager', ['management'], 'admin', []],
  'feng.kai@demo.example': ['Sales Engineer', ['sales-north', 'platform'], 'chen.jing', []],
  'deng.li@demo.example': ['Recruiter', ['management'], 'han.xue', []],
  'cao.ning@demo.example': ['Mobile Intern', ['mobile'], 'guo.jun', ['intern']],
  'peng.fei@demo.example': ['Sales Intern', ['sales-south'], 'zhao.xin', ['intern']],
};

/**
 * Who administers the demo corp, one person per admin role (identity seeds them): the CEO is the corp admin,
 * the head of sales administers Sales (with North and South below it), the CFO is finance, the financial
 * analyst reads only. `corphub token --corp demo --role <role>` signs in as the person with that role.
 */
export const DEMO_ADMIN_ROLES: readonly { unionId: string; role: AdminRoleKind; departmentId?: string }[] = [
  { unionId: DEMO.adminUnionId, role: AdminRoleKind.CORP_ADMIN },
  { unionId: 'un_3v8r2n6t9w4y7z5a', role: AdminRoleKind.DEPARTMENT_ADMIN, departmentId: 'sales' },
  { unionId: 'un_8b4d6f2h9k3n7q5t', role: AdminRoleKind.FINANCE },
  { unionId: 'un_eagjtev3zzfbdbue', role: AdminRoleKind.ANALYST },
];

const demoByHandle = new Map(DEMO_PEOPLE.map((person) => [person.email.split('@')[0], person]));

/** A demo person's managers (UnionIDs), nearest first, as the directory seeds them. */
export function demoManagerChain(unionId: string): string[] {
  const chain: string[] = [];
  let person = DEMO_PEOPLE.find((candidate) => candidate.unionId === unionId);
  while (person) {
    const handle: string | null | undefined = DEMO_ORG[person.email]?.[2];
    person = handle ? demoByHandle.get(handle) : undefined;
    if (person) chain.push(person.unionId);
  }
  return chain;
}

/** The demo people with a tag, in DEMO_PEOPLE order (e.g. `finance`, the expense approvers). */
export function demoPeopleTagged(tag: string): DemoPerson[] {
  return DEMO_PEOPLE.filter((person) => DEMO_ORG[person.email]?.[3].includes(tag));
}

/**
 * The demo corp's voice note: the media subgraph's seed stores it (a real audio file, with this id), the
 * logs seed attaches it to recent logs, so the dashboard query shows `voice { durationSeconds url }`.
 */
export const DEMO_VOICE_NOTE = {
  mediaId: '7d1c3b52-4a8e-4f0b-9c61-2e5d8a9f0b34',
  /** Who "recorded" it: Li Wei, the head of sales. */
  uploadedBy: 'un_3v8r2n6t9w4y7z5a',
  durationSeconds: 4,
} as const;
