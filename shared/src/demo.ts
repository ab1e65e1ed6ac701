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

export interface DemoPerson {
  unionId: string;
  displayName: string;
  email: string;
}

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
 * The demo corp's voice note: the media subgraph's seed stores it (a real audio file, with this id), the
 * logs seed attaches it to recent logs, so the dashboard query shows `voice { durationSeconds url }`.
 */
export const DEMO_VOICE_NOTE = {
  mediaId: '7d1c3b52-4a8e-4f0b-9c61-2e5d8a9f0b34',
  /** Who "recorded" it: Li Wei, the head of sales. */
  uploadedBy: 'un_3v8r2n6t9w4y7z5a',
  durationSeconds: 4,
} as const;
