import type { wireEn } from './wire.en';

/** 用户页面中针对店主账号的步骤（双人规则）及其确认的中文文本。 */
export const wireZhCN: Record<keyof typeof wireEn, string> = {
  'approvals.other': '{by} 申请更改账号 {user}',
  'users.selfReset': '您自己的密码：请在首页使用“修改我的密码”。',
  'dialog.ownerDisableTitle': '停用店主 {user}？',
  'dialog.ownerEnableTitle': '重新启用店主 {user}？',
  'dialog.ownerBody': '{user} 是店主。请输入您自己的密码以确认。如有其他店主可以审批，此操作将发送给对方，经其批准后才会生效。',
  'dialog.ownerResetTitle': '确认为店主 {user} 设置新密码',
  'dialog.ownerConfirm': '确认',
  'dialog.createOwnerTitle': '将 {user} 添加为店主？',
  'dialog.createOwnerBody': '店主可以在 Coffer 中执行所有操作，包括管理用户。请输入您自己的密码以确认。如有其他店主可以审批，须经对方批准后才会创建 {user}。',
  'stale.dialogTitle': '停用 {name}？',
  'assign.dialogTitle': '交给 {name}？',
  'dialog.disableTitle': '停用 {user}？',
};
