import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { screensA } from './i18n.screens-a';

/** English and Simplified Chinese; the switch in the header sets it, remembered in localStorage (not a secret). */
const en = {
  appName: 'Corphub console',
  skip: 'Skip to content',
  nav: { overview: 'Overview', department: 'Department', approvals: 'Approvals', people: 'People', modules: 'Modules', messages: 'Messages', audit: 'Audit', graphiql: 'GraphiQL' },
  language: 'Language',
  signIn: 'Sign in',
  signOut: 'Sign out',
  signingIn: 'Signing you in…',
  signedOut: 'You are signed out.',
  signInPrompt: 'Sign in with your corp account to see the console.',
  signInFailed: 'Sign-in failed: {{message}}',
  loading: 'Loading…',
  error: 'Could not load this: {{message}}',
  empty: 'Nothing here yet.',
  signedInAs: 'Signed in as {{name}} ({{role}}) · {{corp}}',
  department: {
    title: 'Department',
    picker: 'Department',
    month: 'Month',
    members: '{{count}} members',
    noMembers: 'This department has no members.',
    name: 'Name',
    jobTitle: 'Title',
    late: 'Late',
    absent: 'Absent days',
    pending: 'Pending claims',
    lastLog: 'Last log',
    noLog: 'No log yet',
    voice: 'Voice note, {{seconds}} s',
    exportCsv: 'Export CSV',
    lateHeatmap: 'Lateness by day',
    expenses: 'Expenses by category and currency, year to date',
    logRate: 'Daily-log submission rate',
    noExpenses: 'No expenses this year.',
    lateSeries: 'Late arrivals',
    rateSeries: 'Members who logged (%)',
  },
  placeholder: 'This screen is coming.',
};

const zh: typeof en = {
  appName: 'Corphub 管理后台',
  skip: '跳到正文',
  nav: { overview: '概览', department: '部门', approvals: '审批', people: '通讯录', modules: '应用', messages: '消息', audit: '操作日志', graphiql: 'GraphiQL' },
  language: '语言',
  signIn: '登录',
  signOut: '退出登录',
  signingIn: '正在登录…',
  signedOut: '你已退出登录。',
  signInPrompt: '请用企业账号登录后使用管理后台。',
  signInFailed: '登录失败：{{message}}',
  loading: '加载中…',
  error: '加载失败：{{message}}',
  empty: '暂无内容。',
  signedInAs: '当前用户 {{name}}（{{role}}）· {{corp}}',
  department: {
    title: '部门',
    picker: '部门',
    month: '月份',
    members: '{{count}} 名成员',
    noMembers: '该部门暂无成员。',
    name: '姓名',
    jobTitle: '职位',
    late: '迟到',
    absent: '缺勤天数',
    pending: '待审批报销',
    lastLog: '最新日志',
    noLog: '暂无日志',
    voice: '语音 {{seconds}} 秒',
    exportCsv: '导出 CSV',
    lateHeatmap: '每日迟到',
    expenses: '本年报销（按类别和币种）',
    logRate: '日报提交率',
    noExpenses: '本年暂无报销。',
    lateSeries: '迟到人次',
    rateSeries: '提交日报的成员（%）',
  },
  placeholder: '此页面即将推出。',
};

export const LANGUAGES = [
  { code: 'en', label: 'English' },
  { code: 'zh-CN', label: '简体中文' },
] as const;

const LANGUAGE_KEY = 'corphub-console:language';

function initialLanguage(): string {
  const saved = localStorage.getItem(LANGUAGE_KEY);
  if (saved && LANGUAGES.some((language) => language.code === saved)) return saved;
  return navigator.language.toLowerCase().startsWith('zh') ? 'zh-CN' : 'en';
}

void i18next.use(initReactI18next).init({
  resources: { en: { translation: { ...en, ...screensA.en } }, 'zh-CN': { translation: { ...zh, ...screensA.zh } } },
  lng: initialLanguage(),
  fallbackLng: 'en',
  interpolation: { escapeValue: false },
});

export function setLanguage(code: string): void {
  localStorage.setItem(LANGUAGE_KEY, code);
  void i18next.changeLanguage(code);
  document.documentElement.lang = code;
}

export default i18next;
