import type { auditEn } from './audit.en';

/** 审计页面的中文文本：备份中的链头锚点，以及"某用户看过哪些客户"。 */
export const auditZhCN: Record<keyof typeof auditEn, string> = {
  'audit.anchorBroken': '审计日志与备份 {backup} 不再一致：第 {id} 条记录缺失或被改写。请保留该备份、不要清理它，并查明是谁改动了数据库。',
  'audit.anchorsChecked': '已与备份文件夹中的 {count} 个备份核对。',
  'audit.anchorsNotChecked': '有 {count} 个备份无法核对（由旧密钥生成，或已损坏）。',
  'audit.anchorsSuperseded': '有 {count} 个备份生成于某次恢复所用的备份与该次恢复之间，已不再核对：日志从恢复的备份继续。如果没有人恢复过备份，请按篡改处理。',
  'audit.anchorsUnavailable': '无法访问备份文件夹，因此未与备份核对。请重新连接该文件夹后再次验证。',
  'audit.anchorsNoFolder': '尚未选择备份文件夹，因此无法与备份核对。请在"备份"页面选择一个。',
  'audit.seenTitle': '某用户看过的客户',
  'audit.seenUser': '用户名',
  'audit.seenShow': '查询',
  'audit.seenResult': '{username} 在此期间共看到 {count} 位客户。客户编号：{ids}',
  'audit.seenNone': '{username} 在此期间没有看到任何客户。',
};
