import type { accountEn } from './account.en';

/** 简体中文：修改我的密码，以及涉及店主的审批。 */
export const accountZhCN: Record<keyof typeof accountEn, string> = {
  'account.password.title': '修改我的密码',
  'account.password.body': '请输入当前密码，再输入两次新密码。您在其他窗口打开的 Coffer 会退出登录；此窗口保持登录。',
  'account.password.current': '当前密码',
  'account.password.new': '新密码',
  'account.password.newHint': '至少 10 个字符，字母与数字或符号混合，且不含您的用户名。',
  'account.password.repeat': '再次输入新密码',
  'account.password.mismatch': '两次输入的新密码不一致，请重新输入。',
  'account.password.submit': '修改密码',
  'account.password.done': '密码已修改。从现在起请使用新密码。',
  'account.password.doneOthers': '密码已修改。{count} 个其他窗口已退出登录。',
  'account.password.tooMany': '密码错误次数过多。请稍候再试；继续输错，Coffer 会锁定此窗口。',
  'field.same-as-old': '新密码不能与当前密码相同。',
  'field.required': '此项必填：请输入您自己的密码以确认。',
  'approvals.disableOwner': '{by} 申请停用店主 {user}',
  'approvals.enableOwner': '{by} 申请重新启用店主 {user}',
  'approvals.resetOwner': '{by} 申请重置店主 {user} 的密码',
  'approvals.createOwner': '{by} 申请将 {user} 添加为新店主',
};
