import type { shieldEn } from './shield.en';

/** 屏幕保护（设置）与第二个备份文件夹（备份页面）的中文文案。 */
export const shieldZhCN: Record<keyof typeof shieldEn, string> = {
  'screen.title': '防截屏',
  'screen.intro': '勾选的角色，其窗口不会出现在截图、录屏和屏幕共享（远程会议、远程协助）中；受保护窗口的截图显示为黑色。',
  'screen.platforms': 'Windows 和 macOS 支持此功能；Linux 不支持，在 Linux 上截图和屏幕共享仍会显示窗口内容。',
  'screen.roles': '保护以下角色的窗口',
  'screen.save': '保存防截屏设置',
  'screen.saved': '已保存，立即生效。',
};
