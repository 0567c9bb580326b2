import type { ledgerEn } from './ledger.en';

/** 恢复无法撤销的决定（issue 16）：决定台账的文字。 */
export const ledgerZhCN: Record<keyof typeof ledgerEn, string> = {
  'error.PERSON_ERASED': '该客户已应本人要求删除，须取得其本人新的同意后才能重新录入。只有店主可以登记。',
  'error.LEDGER_TAMPERED': '此备份旁的决定台账文件已在 Coffer 之外被修改或损坏，无法据此重新执行备份之后作出的决定。未恢复任何内容。',
  'drill.erased-absent': '已应本人要求删除的人不会因恢复而重现',
  'drillProof.erased-absent': '恢复并重新执行决定台账后，副本中没有已应本人要求删除的人。',
  'ledger.reapplied': '登录前已重新执行此备份之后作出的决定（停用账号、降低角色、重置密码、删除客户）：{count} 项。',
  'ledger.heldBack': '未重新执行的决定：{count} 项。执行后将没有可用的店主，或暂时无法重新执行删除。请立即检查“用户”和已删除的人。',
  'ledger.sideFile.missing': '在数据库或备份旁未找到决定台账文件。此备份之后作出的决定（停用账号、删除客户）可能被撤销：请立即检查“用户”和已删除的人。',
  'ledger.sideFile.tampered': '警告：决定台账文件已在 Coffer 之外被修改或损坏，已作为证据另存。请立即检查“用户”和已删除的人，以及谁能接触这台电脑和备份文件夹。',
  'ledger.sideFile.other-key': '决定台账文件使用了本次恢复没有的较新数据库密钥。此备份之后作出的决定可能被撤销：请立即检查“用户”和已删除的人。',
  'ledger.fromNewestBackup': '未找到可用的决定台账文件，已改从备份文件夹中本数据库最新的备份（{date} 制作）读取决定并重新执行。该备份之后作出的决定（停用账号、删除客户）可能被撤销：请检查“用户”和此后删除的人。',
  'ledger.noSource': '也没有可读取的较新备份，因此此备份之后删除的人、停用或降低角色的用户可能已恢复原状。在其他人登录之前：请检查“用户”，并再次删除此备份之后已删除的每个人（参见请求登记或您的记录）。如果旧电脑还在，请先把其 Coffer 配置文件夹中的 decision-ledger.cofferledger 复制到备份旁，再在其他电脑上恢复。',
  'ledger.restoreAnyway': '仍然恢复；我会自行检查用户和已删除的人',
  'ledger.consentTitle': '登记新的同意',
  'ledger.consentBody': '该客户已应本人要求删除。只有取得其本人新的同意后才能重新录入：请登记其同意的用途、合法性基础和凭证。这将记入新客户的同意记录。',
  'ledger.consentSave': '登记同意并保存',
  'ledger.importConsent': '这些人已给出新的同意（仅店主）：允许导入已应本人要求删除的行',
  'ledger.consentPurposes': '同意的用途',
  'ledger.importConsentApply': '按此同意重新检查文件',
};
