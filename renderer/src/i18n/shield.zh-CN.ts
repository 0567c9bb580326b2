import type { shieldEn } from './shield.en';

/** 屏幕保护（设置）与第二个备份文件夹（备份页面）的中文文案。 */
export const shieldZhCN: Record<keyof typeof shieldEn, string> = {
  'screen.title': '防截屏',
  'screen.intro': '勾选的角色，其窗口不会出现在截图、录屏和屏幕共享（远程会议、远程协助）中；受保护窗口的截图显示为黑色。',
  'screen.platforms': 'Windows 和 macOS 支持此功能；Linux 不支持，在 Linux 上截图和屏幕共享仍会显示窗口内容。',
  'screen.roles': '保护以下角色的窗口',
  'screen.save': '保存防截屏设置',
  'screen.saved': '已保存，立即生效。',
  'backup.warning.second-unavailable': '最近一次复制到第二个备份文件夹失败（磁盘已拔出、共享离线或空间已满）。备份本身已安全保存在第一个文件夹中；重新连接第二个文件夹后，Coffer 会把下一次备份复制过去。',
  'backup.warning.second-stale': '第二个备份文件夹中最新的副本已超过备份计划允许的时间。请检查它所在的磁盘是否已连接。',
  'second.title': '第二个备份文件夹',
  'second.none': '可选：每次备份也会复制到第二个文件夹，例如第一个文件夹在 NAS 上时再用一个 U 盘。该文件夹拔出或空间已满时，备份仍会成功，本页会提示。',
  'second.folder': '文件夹',
  'second.state': '状态',
  'second.state.ok': '已是最新',
  'second.state.waiting': '等待下一次备份',
  'second.state.stale': '已过期',
  'second.state.unavailable': '无法访问',
  'second.lastCopy': '最近一次复制',
  'second.choose': '选择第二个文件夹…',
  'second.change': '更换…',
  'second.remove': '移除',
};
