import { app, Menu, type MenuItemConstructorOptions } from 'electron';
import type { Locale } from '../../shared/contract';
import type { MenuActions } from './menu-actions';

type Label = 'file' | 'lock' | 'edit' | 'view' | 'window' | 'help' | 'about' | 'backups' | 'backUpNow' | 'drill' | 'restore';
const LABELS: Record<Locale, Record<Label, string>> = {
  'zh-CN': { file: '文件', lock: '立即锁定', edit: '编辑', view: '视图', window: '窗口', help: '帮助', about: '关于 Coffer', backups: '备份', backUpNow: '立即备份', drill: '进行恢复演练', restore: '从备份恢复…' },
  en: { file: 'File', lock: 'Lock Now', edit: 'Edit', view: 'View', window: 'Window', help: 'Help', about: 'About Coffer', backups: 'Backups', backUpNow: 'Back Up Now', drill: 'Run Restore Drill', restore: 'Restore from Backup…' },
};

/** The application menu; feature issues add their entries (Lock, Backups) here. */
export function installMenu(locale: Locale, actions: MenuActions): void {
  const t = LABELS[locale];
  // Electron passes (item, window, event) to a click; the actions take nothing and never throw.
  const lockNow = () => void actions.lockNow();
  const backUpNow = () => void actions.backUpNow();
  const runDrill = () => void actions.runDrill();
  const openRestore = () => actions.openRestore();
  const template: MenuItemConstructorOptions[] = [
    ...(process.platform === 'darwin' ? [{ role: 'appMenu' as const }] : []),
    {
      label: t.file,
      submenu: [{ label: t.lock, accelerator: 'CmdOrCtrl+L', click: lockNow }, { type: 'separator' }, { role: process.platform === 'darwin' ? 'close' : 'quit' }],
    },
    { label: t.edit, role: 'editMenu' },
    // Each job is a router call as the window's caller (menu-actions.ts); results show on the Backups page.
    // Restore opens its screen: it needs the password, typed in the window.
    {
      label: t.backups,
      submenu: [{ label: t.backUpNow, click: backUpNow }, { label: t.drill, click: runDrill }, { type: 'separator' }, { label: t.restore, click: openRestore }],
    },
    {
      label: t.view,
      submenu: [{ role: 'resetZoom' }, { role: 'zoomIn' }, { role: 'zoomOut' }, { type: 'separator' }, { role: 'togglefullscreen' }],
    },
    { label: t.window, role: 'windowMenu' },
    { label: t.help, submenu: [{ label: t.about, click: () => app.showAboutPanel() }] },
  ];
  Menu.setApplicationMenu(Menu.buildFromTemplate(template));
}
