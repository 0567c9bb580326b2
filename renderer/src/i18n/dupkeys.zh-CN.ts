import type { dupkeysEn } from './dupkeys.en';

/** 客户表单中的重复提示。 */
export const dupkeysZhCN: Record<keyof typeof dupkeysEn, string> = {
  'dup.exists': '已有客户使用此手机、电话或邮箱。请打开该客户，不要重复新建：',
  'dup.outOfScope': '此号码或邮箱可能与他人负责的客户重复，请联系经理后再添加。',
  'dup.possible': '可能是同一个人（姓名相同，且公司或城市相同）：',
  'dup.leaveTitle': '打开“{name}”？',
  'dup.leaveMessage': '这张表单里填写的内容尚未保存，打开后将被丢弃。',
  'dup.leaveYes': '丢弃并打开',
};
