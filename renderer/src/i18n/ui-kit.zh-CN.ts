import type { uiKitEn } from './ui-kit.en';

/** 界面基础组件（renderer/src/ui）的中文文案。 */
export const uiKitZhCN: Record<keyof typeof uiKitEn, string> = {
  'ui.notifications': '通知',
  'ui.dismiss': '关闭',
};
