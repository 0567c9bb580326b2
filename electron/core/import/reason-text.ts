import type { ImportReason, RowReason } from '../../../shared/import';
import type { Locale } from '../../../shared/locale';

/** The reason column of the saved error rows, in the vault's language ("C列 手机号码无效"). */
const TEXT: Record<ImportReason, { 'zh-CN': string; en: string }> = {
  name_missing: { 'zh-CN': '缺少姓名', en: 'name is missing' },
  invalid_phone: { 'zh-CN': '手机号码无效（原值已保留在备注中）', en: 'invalid phone (the value was kept in the notes)' },
  invalid_email: { 'zh-CN': '邮箱地址无效', en: 'invalid e-mail address' },
  invalid_id_number: { 'zh-CN': '身份证号无效', en: 'invalid ID number' },
  invalid_bank_card: { 'zh-CN': '银行卡号无效', en: 'invalid bank card number' },
  invalid_level: { 'zh-CN': '不是“设置”中的级别，按默认级别导入', en: 'not one of the levels in Settings, imported with the default level' },
  too_long: { 'zh-CN': '内容过长', en: 'value too long' },
  id_precision_lost: { 'zh-CN': '源文件中的数字已丢失精度，请把该列设为文本后重新导出', en: 'the number already lost digits in the file: set the column to text and export it again' },
  formula_value: { 'zh-CN': '单元格是公式，已按其计算结果导入', en: 'the cell is a formula; its computed value was used' },
  duplicate_in_vault: { 'zh-CN': '与已有客户重复（手机号或邮箱相同）', en: 'same phone or e-mail as an existing customer' },
  duplicate_in_file: { 'zh-CN': '与文件中前面的行重复', en: 'repeats an earlier row of the file' },
  duplicate_out_of_scope: { 'zh-CN': '可能与他人负责的客户重复，请联系经理', en: "may duplicate a customer someone else looks after: ask a manager" },
  no_permission: { 'zh-CN': '无权限修改该字段', en: 'your role may not change this field' },
  possible_duplicate: { 'zh-CN': '可能重复（姓名及公司或城市相同）', en: 'possible duplicate (same name and company or city)' },
  edited_since: { 'zh-CN': '导入后已被人工修改', en: 'edited by someone since the import' },
  invalid_birthday: { 'zh-CN': '生日无法识别（原值已保留在备注中）', en: 'birthday not recognised (the value was kept in the notes)' },
  too_many_tags: { 'zh-CN': '标签超过 30 个，只导入前 30 个', en: 'more than 30 tags: only the first 30 were kept' },
  person_erased: { 'zh-CN': '该客户已应本人要求删除，须取得其本人新的同意（仅店主可登记）', en: 'erased at their request; a new consent is needed (only the owner can record one)' },
};

export function reasonText(reason: RowReason, locale: Locale): string {
  const zh = locale === 'zh-CN';
  const text = TEXT[reason.code][zh ? 'zh-CN' : 'en'];
  const where = reason.column ? (zh ? `${reason.column}列 ` : `column ${reason.column}: `) : '';
  const row = reason.row !== undefined ? (zh ? `（第 ${reason.row} 行）` : ` (row ${reason.row})`) : '';
  return `${where}${text}${row}`;
}
