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
