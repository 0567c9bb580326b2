import type { MessageKey } from './en';

export const zhCN: Record<MessageKey, string> = {
  'app.name': 'Coffer 客户保险箱',
  'app.tagline': '您的客户资料，加密保存在这台电脑上。',
  'app.loading': '正在打开 Coffer…',
  'app.language': '语言',
  'app.version': '版本 {app} · 数据库结构 {schema} · SQLite {sqlite}',
  'vault.needsSetup.title': '欢迎使用 Coffer',
  'vault.needsSetup.body': '这台电脑上还没有保险库。设置时将创建加密数据库、您的所有者账户和一把恢复密钥。',
  'vault.locked.title': 'Coffer 已锁定',
  'vault.locked.body': '请解锁保险库后继续。',
  'vault.unlocked.title': '保险库已打开',
  'keychain.unavailable': '这台电脑没有可用的系统钥匙串。Coffer 每次启动时都会要求输入恢复密钥。',
  'error.bridge': 'Coffer 无法连接到后台进程。请关闭并重新打开应用；如果问题仍在，请重新安装。您的数据没有改变。',
  'error.retry': '重试',
};
