import type { wireEn } from './wire.en';

/** 用户页面中针对所有者账户的步骤（双人规则）及其确认的中文文本。 */
export const wireZhCN: Record<keyof typeof wireEn, string> = {
  'approvals.other': '{by} 申请更改账户 {user}',
  'users.selfReset': '您自己的密码：请在首页使用“修改我的密码”。',
  'dialog.ownerDisableTitle': '停用所有者 {user}？',
  'dialog.ownerEnableTitle': '重新启用所有者 {user}？',
  'dialog.ownerBody': '{user} 是所有者。请输入您自己的密码以确认。如有其他所有者可以审批，此操作将发送给对方，经其批准后才会生效。',
  'dialog.ownerResetTitle': '确认为所有者 {user} 设置新密码',
  'dialog.ownerConfirm': '确认',
  'dialog.createOwnerTitle': '将 {user} 添加为所有者？',
  'dialog.createOwnerBody': '所有者可以在 Coffer 中执行所有操作，包括管理用户。请输入您自己的密码以确认。如有其他所有者可以审批，须经对方批准后才会创建 {user}。',
  'stale.dialogTitle': '停用 {name}？',
  'assign.dialogTitle': '交给 {name}？',
  'dialog.disableTitle': '停用 {user}？',
};
