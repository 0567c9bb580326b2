import type { dialogsEn } from './dialogs.en';

/** 应用内对话框及经由它完成的操作（“用户”页）的中文文本。 */
export const dialogsZhCN: Record<keyof typeof dialogsEn, string> = {
  'dialog.confirm': '确认',
  'dialog.cancel': '取消',
  'dialog.yourPassword': '您的密码',
  'dialog.roleTitle': '将 {user} 设为{role}？',
  'dialog.roleBody': '更改角色会改变 {user} 能看到和能做的事。请输入您的密码以确认。',
  'dialog.roleConfirm': '更改角色',
  'dialog.resetTitle': '为 {user} 设置新密码',
  'dialog.resetBody': '{user} 的所有会话都会结束。请当面告知新密码；对方登录后可以自行修改。',
  'dialog.resetConfirm': '设置密码',
  'dialog.approveTitle': '批准此请求？',
  'dialog.rejectTitle': '拒绝此请求？',
  'dialog.decideBody': '{request}。请输入您的密码以确认。',
  'dialog.require2faOnTitle': '要求所有人使用两步验证？',
  'dialog.require2faOnBody': '尚未设置两步验证的人在下次登录时必须先设置。请输入您的密码以确认。',
  'dialog.require2faOffTitle': '不再要求两步验证？',
  'dialog.require2faOffBody': '之后可以只凭密码登录。请输入您的密码以确认。',
  'users.self': '您本人',
  'users.selfDisable': '您不能停用自己的账号；可由另一位店主停用。',
  'approvals.yours': '这是您的请求：需由另一位店主批准。',
  'field.taken': '此用户名已被使用，请换一个。',
  'customers.searchHintBasic': '姓名、公司或备注',
};
