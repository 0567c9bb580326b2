import os from 'node:os';
import path from 'node:path';

/**
 * Where the desktop app keeps its profile, computed the way Electron's app.getPath('userData')
 * does for the product name "Coffer", so commands run without Electron find the same vault.
 */
export function defaultProfileDir(platform: NodeJS.Platform = process.platform, env: NodeJS.ProcessEnv = process.env, home: string = os.homedir()): string {
  const appData =
    platform === 'win32'
      ? (env.APPDATA ?? path.join(home, 'AppData', 'Roaming'))
      : platform === 'darwin'
        ? path.join(home, 'Library', 'Application Support')
        : (env.XDG_CONFIG_HOME ?? path.join(home, '.config'));
  return path.join(appData, 'Coffer', 'profile');
}
