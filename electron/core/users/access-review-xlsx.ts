import { localDateTime, utcOffset } from '../export/export-words';
import { openExportFile } from '../export/export-file';
import { guardFormula } from '../export/formula-guard';
import { createXlsxStream } from '../export/xlsx-stream';
import type { AccessReview } from './access-review';

// Both languages in the headings, as the customer export's cover sheet does: the file is read by
// whoever the owner hands it to.
const HEADINGS = [
  'Username 用户名', 'Name 姓名', 'Role 角色', 'Status 状态', 'Created 创建时间', 'Last sign-in 最近登录',
  'Two-step sign-in 两步验证', 'Customers owned 负责的客户', 'Exports 导出', 'Reveals 查看完整信息', 'Deletes 删除',
  'Alerts 警报', 'Approvals requested 申请审批', 'Approvals given 批准', 'No second person 无第二人审批', 'Data rules version 数据规则版本',
  'Data rules accepted 数据规则接受时间', 'Unused 未使用',
];

const when = (iso: string | null) => (iso ? localDateTime(iso) : '');
const yesNo = (value: boolean) => (value ? 'yes 是' : 'no 否');

/**
 * The review as an .xlsx: a few lines saying what it is, then one row per account. Every cell is
 * a string through the formula guard (display names are typed by people). Written through the
 * export file (temp file, fsync, rename); returns the SHA-256 of the bytes written.
 */
export function writeAccessReviewXlsx(target: string, review: AccessReview): string {
  const file = openExportFile(target);
  try {
    const book = createXlsxStream((chunk) => file.write(chunk));
    const sheet = book.sheet(1);
    sheet.rows([
      ['Access review 账号权限复核'],
      [`Period 期间 (${utcOffset(new Date(review.to))})`, `${localDateTime(review.from)} – ${localDateTime(review.to)}`],
      ['Unused after (days) 未使用天数', String(review.unusedDays)],
      [],
      HEADINGS,
      ...review.users.map((u) =>
        [
          u.username, u.displayName, u.role, u.status, when(u.createdAt), when(u.lastLoginAt), yesNo(u.has2fa), String(u.customersOwned),
          String(u.exports), String(u.reveals), String(u.deletes), String(u.alerts), String(u.approvalsRequested), String(u.approvalsGiven), String(u.approvalsNoSecondPerson),
          u.dataRulesVersion === null ? '' : String(u.dataRulesVersion), when(u.dataRulesAcceptedAt), yesNo(u.unused),
        ].map(guardFormula),
      ),
    ]);
    sheet.end();
    book.finish(['Access review 账号权限复核']);
    return file.commit();
  } catch (error) {
    file.abort();
    throw error;
  }
}
