import type { reviewEn } from './review.en';

/** 本店数据规则（接受页面、设置）与店主的账号权限复核（issue 15）。 */
export const reviewZhCN: Record<keyof typeof reviewEn, string> = {
  'error.DATA_RULES_NOT_ACCEPTED': '请先阅读并接受本店数据规则，然后继续。',
};
