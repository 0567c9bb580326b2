/**
 * One word per idea, in both languages. Every message file uses these terms and none of the banned
 * variants (tests/unit/glossary.test.ts walks every message). Chinese is a first language here: the
 * terms are what Chinese shop software and the operating systems themselves say, not translations of
 * our code names (no 保险库 for the database, no 钥匙串 on Windows).
 */
export interface GlossaryTerm {
  /** What the idea is, for whoever adds a screen. */
  idea: string;
  zh: string;
  en: string;
  /** Words a message must not use for this idea (matched anywhere in a message). */
  bannedZh: readonly (string | RegExp)[];
  bannedEn: readonly (string | RegExp)[];
}

export const GLOSSARY: readonly GlossaryTerm[] = [
  {
    idea: 'Second step at sign-in with an authenticator app code',
    zh: '两步验证',
    en: 'two-step sign-in',
    bannedZh: ['二次验证', '双重验证', '双重认证', '双因素', '双因子', '两步登录', '两步认证', '二步验证', /2FA/i, /\bMFA\b/],
    bannedEn: [/\b2FA\b/i, /two-factor/i, /\bMFA\b/, /2-step/i],
  },
  {
    idea: 'One-time codes shown when two-step sign-in is set up, for a lost phone (not the recovery key)',
    zh: '备用码',
    en: 'backup code',
    bannedZh: ['恢复码', '救援码'],
    bannedEn: [/recovery codes?\b/i],
  },
  {
    idea: 'The encrypted customer database on this computer',
    zh: '数据库',
    en: 'database',
    bannedZh: ['保险库', '金库', '保管库'],
    bannedEn: [/\bvaults?\b/i],
  },
  {
    idea: "Where the OS keeps the database key: named as that OS shows it ({keyStore}, see KEY_STORE_NAMES)",
    zh: '{keyStore}',
    en: '{keyStore}',
    bannedZh: ['钥匙串', '钥匙链', '密钥链'],
    bannedEn: [/keychain/i, /key ring/i],
  },
  {
    idea: 'The key written down at setup that opens the database and every backup',
    zh: '恢复密钥',
    en: 'recovery key',
    bannedZh: ['恢复秘钥', '救援密钥', '找回密钥', '恢复口令'],
    bannedEn: [/rescue key/i],
  },
  { idea: 'A copy of the database in the backup folder', zh: '备份', en: 'backup', bannedZh: ['备存', '后备'], bannedEn: [] },
  { idea: 'Bringing a backup back', zh: '恢复', en: 'restore', bannedZh: ['还原'], bannedEn: [] },
  { idea: 'A person the shop sells to', zh: '客户', en: 'customer', bannedZh: ['顾客', '客人'], bannedEn: [/\bclients?\b/i] },
  {
    idea: "The user a customer belongs to (the customer's owner)",
    zh: '负责人',
    en: 'owner',
    bannedZh: ['所属人', '归属人', '跟进人', '拥有者'],
    bannedEn: [],
  },
  { idea: 'The role that runs the shop and manages users', zh: '店主', en: 'owner', bannedZh: ['所有者', '老板', '管理员'], bannedEn: [/\badmin(istrator)?s?\b/i] },
  {
    idea: 'Showing a masked value in full, audited',
    zh: '查看完整信息',
    en: 'show the full',
    bannedZh: ['揭示', '显示完整', '取消脱敏', '解除脱敏', '明文'],
    bannedEn: [/\bunmask/i],
  },
  { idea: 'A value shown partly hidden to a role that may not see it', zh: '脱敏', en: 'masked', bannedZh: ['遮盖', '掩码', '打码'], bannedEn: [] },
  { idea: 'Where deleted customers wait before they are gone', zh: '回收站', en: 'recycle bin', bannedZh: ['垃圾箱', '废纸篓'], bannedEn: [/\btrash\b/i] },
  { idea: 'Starting a session', zh: '登录', en: 'sign in', bannedZh: ['登入', '登陆'], bannedEn: [/\blog ?in\b/i] },
  { idea: 'Ending a session', zh: '退出登录', en: 'sign out', bannedZh: ['登出', '注销'], bannedEn: [/\blog ?out\b/i] },
  { idea: 'A login of one person', zh: '账号', en: 'account', bannedZh: ['账户', '帐号', '帐户'], bannedEn: [] },
  { idea: 'The tamper-evident record of who did what', zh: '审计日志', en: 'audit log', bannedZh: ['审核日志', '操作日志'], bannedEn: [] },
  { idea: 'Taking back a merge, import or change', zh: '撤销', en: 'undo', bannedZh: ['撤消'], bannedEn: [] },
  {
    idea: 'A call, visit, message or note with a customer',
    zh: '联系记录',
    en: 'interaction',
    bannedZh: ['互动', '跟进记录', '沟通记录'],
    bannedEn: [],
  },
  { idea: "A customer's tier (VIP, regular, prospect)", zh: '级别', en: 'level', bannedZh: ['等级'], bannedEn: [] },
  { idea: 'Where a customer is, as the shop groups it', zh: '区域', en: 'region', bannedZh: ['地区', '地域'], bannedEn: [] },
  { idea: 'An e-mail address', zh: '邮箱', en: 'email', bannedZh: ['电子邮件', '电邮', '邮件地址'], bannedEn: [] },
  { idea: 'What a user types to sign in', zh: '密码', en: 'password', bannedZh: ['口令'], bannedEn: [/\bpassphrase\b/i] },
];

export type KeyStorePlatform = 'darwin' | 'win32' | 'linux' | 'other';

/**
 * The OS's own name for where Coffer keeps the database key, as the user finds it on that system:
 * macOS shows 钥匙串访问 (Keychain Access), Windows 凭据管理器 (Credential Manager), Linux desktops a
 * keyring. Messages say {keyStore} and translate() fills it for the platform Coffer runs on.
 */
export const KEY_STORE_NAMES: Record<'zh-CN' | 'en', Record<KeyStorePlatform, string>> = {
  'zh-CN': { darwin: '“钥匙串访问”', win32: '“Windows 凭据管理器”', linux: '系统密钥环', other: '系统凭据存储' },
  en: { darwin: 'macOS Keychain', win32: 'Windows Credential Manager', linux: 'system keyring', other: 'system credential store' },
};

export function keyStorePlatform(platform: string | null | undefined): KeyStorePlatform {
  return platform === 'darwin' || platform === 'win32' || platform === 'linux' ? platform : 'other';
}
