import type { navEn } from './nav.en';

/** 导航、“我的账号”页面与“设置 > 关于”的中文文本。 */
export const navZhCN: Record<keyof typeof navEn, string> = {
  'nav.account': '我的账号',
  'nav.menu': '主菜单',
  'shell.back': '后退',
  'shell.backHint': '后退（Alt+←）',
  'shell.forward': '前进',
  'shell.forwardHint': '前进（Alt+→）',
  'shell.accountHint': '我的账号：密码、两步验证、退出登录',
  'account.title': '我的账号',
  'account.who': '{name} · {role} · 用户名 {username}',
  'account.session.title': '退出登录或锁定',
  'account.session.body': '锁定后仍保持登录，回来时输入密码即可继续（Ctrl+L）。退出登录则结束您在这台电脑上的本次会话。',
  'about.title': '关于 Coffer',
  'about.app': 'Coffer 版本',
  'about.schema': '数据库结构版本',
  'about.sqlite': 'SQLite 版本',
  'about.licences': 'Coffer 使用了开源软件（Electron、React、SQLite 与 SQLCipher 等），各自按其许可协议（MIT、BSD 或公有领域）使用。',
};
