import type { ownerEn } from './owner.en';

/** 移交客户负责人与长期未登录账号报告的简体中文文本。 */
export const ownerZhCN: Record<keyof typeof ownerEn, string> = {
  'assign.title': '指定负责人',
  'assign.to': '新负责人',
  'assign.choose': '请选择人员…',
  'assign.button': '指定负责人',
  'assign.allMatching': '移交全部 {count} 位符合条件的客户',
  'assign.confirm': '将 {count} 位客户交给 {name}？对方将可以查看和跟进这些客户；原负责人将不再可以（除非其角色可以查看全部客户）。',
  'assign.yes': '确认指定',
  'assign.done': '已有 {count} 位客户交由 {name} 负责。',
  'assign.none': '没有可以接收客户的人员。请先添加一位启用状态的经理或销售。',
  'assign.CONFLICT': '您查看之后列表已发生变化，因此没有移交任何客户。请检查列表后重试。',
  'field.not_assignable': '此人不能负责客户（账号已停用，或其角色不能负责客户）。请选择其他人。',
  'stale.title': '长期未使用的账号',
  'stale.intro': '以下账号已有 {days} 天未登录，但仍然可以打开 Coffer：请停用不再需要的账号，停用前先把其客户交给其他人。',
  'stale.days': '未登录天数',
  'stale.save': '保存',
  'stale.saved': '已保存：将列出 {days} 天未使用的账号。',
  'stale.none': '所有账号在 {days} 天内都登录过。',
  'stale.owned': '负责的客户',
  'stale.disable': '停用',
  'stale.confirm': '停用 {name}？对方会立即退出登录，并且不能再登录。',
  'stale.confirmOwns': '停用 {name}？对方会立即退出登录。其名下有 {count} 位客户：请在“客户”页面按负责人筛选后移交，以免客户无人跟进。',
  'stale.yes': '确认停用',
  'stale.pending': '已发出申请：需另一位店主批准后才会停用 {name}。',
  'stale.disabled': '已停用 {name}。',
};
