import type { engineEn } from './engine.en';

/** 数据库引擎（SQLCipher 模块）未能加载时的界面文字（DATABASE_ENGINE_MISSING）。 */
export const engineZhCN: Record<keyof typeof engineEn, string> = {
  'engine.title': '缺少此版本 Coffer 的数据库引擎',
  'engine.what': 'Coffer 无法加载其数据库引擎（SQLCipher 模块），因此无法打开或创建数据库。引擎文件缺失、不完整，或是为其他版本的 Coffer 构建的。',
  'engine.untouched': '您的数据完好无损：没有打开、更改或写入任何内容。请不要因为此提示而从备份恢复。',
  'engine.fixDev': '如果您从源代码文件夹运行 Coffer，请在该文件夹中运行以下命令，然后重新启动 Coffer：',
  'engine.fixInstalled': '如果您是安装的 Coffer，请重新安装相同或更新的版本，然后重新启动 Coffer。',
  'engine.code': '错误代码：{code}',
  'error.DATABASE_ENGINE_MISSING': '缺少此版本 Coffer 的数据库引擎。您的数据完好无损。请运行 “npm run native:electron” 或重新安装 Coffer，然后重新启动。',
};
