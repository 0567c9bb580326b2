import type { hardenEn } from './harden.en';

/** 路由拒绝的不安全输入的中文文本。 */
export const hardenZhCN: Record<keyof typeof hardenEn, string> = {
  'field.control_character': '此处含有看不见的控制字符（例如来自粘贴的文本）。请重新输入，或以纯文本粘贴。',
};
