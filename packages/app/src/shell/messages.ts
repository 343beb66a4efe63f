/** Strings of the app shell. */
export const shellMessages = {
  appName: { zh: '印信 · 电子签名服务门户', en: 'yinxin · e-signature service portal' },
  signInTitle: { zh: '登录', en: 'Sign in' },
  username: { zh: '用户名', en: 'User name' },
  password: { zh: '密码', en: 'Password' },
  signIn: { zh: '登录', en: 'Sign in' },
  signingIn: { zh: '正在登录…', en: 'Signing in…' },
  signOut: { zh: '退出登录', en: 'Sign out' },
  language: { zh: 'English', en: '中文' },
  navTickets: { zh: '工单', en: 'Tickets' },
  navRoster: { zh: '值班', en: 'Roster' },
  navTraining: { zh: '培训', en: 'Training' },
  navMonitor: { zh: '监控', en: 'Monitoring' },
  navCa: { zh: '证书', en: 'Certificates' },
  navSeal: { zh: '印章', en: 'Seals' },
  navAudit: { zh: '审计', en: 'Audit' },
  navAdmin: { zh: '系统管理', en: 'Administration' },
  notInstalledTitle: { zh: '{name} — 尚未安装', en: '{name} — not yet installed' },
  notInstalledBody: {
    zh: '该功能模块尚未安装，将在后续版本中提供。此处不显示任何示例数据。',
    en: 'This module is not installed yet; it arrives in a later release. No sample data is shown here.',
  },
} as const;
