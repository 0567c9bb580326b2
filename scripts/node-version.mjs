// Electron 45 and the tools that fetch and package it (@electron/get, electron-builder) need
// Node 22.12 or later; the tests do not run Electron and keep working on Node 20.19. npm only
// warns (EBADENGINE), and the failure would come later from inside Electron's download, so
// `npm start` and `npm run dist` check first and say what to install.

/** The oldest Node that runs `npm start` and `npm run dist` (electron's own "engines"). */
export const ELECTRON_MIN_NODE = '22.12.0';

/** @param {string} version e.g. "v20.19.1" or "22.12.0" @returns {[number, number, number] | null} */
export function parseNodeVersion(version) {
  const match = /^v?(\d+)\.(\d+)\.(\d+)(?:[-+].*)?$/.exec(String(version).trim());
  return match ? [Number(match[1]), Number(match[2]), Number(match[3])] : null;
}

/**
 * @param {string} current process.version
 * @param {string} [minimum]
 * @returns {{ ok: true } | { ok: false, message: string }}
 */
export function checkNodeForElectron(current, minimum = ELECTRON_MIN_NODE) {
  const have = parseNodeVersion(current);
  const need = parseNodeVersion(minimum);
  if (!need) throw new Error(`not a version: ${minimum}`);
  if (have) {
    for (let i = 0; i < 3; i += 1) {
      if (have[i] > need[i]) return { ok: true };
      if (have[i] < need[i]) break;
      if (i === 2) return { ok: true };
    }
  }
  const shown = have ? `v${have.join('.')}` : String(current);
  return {
    ok: false,
    message:
      `Coffer's desktop app (npm start, npm run dist) needs Node.js ${minimum} or later; this is Node.js ${shown}.\n` +
      `Install Node.js 22 LTS (22.12 or later) from https://nodejs.org/ or with your version manager (for example: nvm install 22), then run the command again.\n` +
      `npm test keeps working on Node.js 20.19 or later.\n` +
      `桌面应用（npm start、npm run dist）需要 Node.js ${minimum} 或更高版本；当前为 Node.js ${shown}。\n` +
      `请从 https://nodejs.org/ 或通过版本管理器（例如 nvm install 22）安装 Node.js 22 LTS（22.12 或更高），然后重新运行该命令。npm test 仍可在 Node.js 20.19 或更高版本上运行。`,
  };
}

/** Exits with the message when this Node cannot run Electron's tooling. */
export function requireNodeForElectron() {
  const result = checkNodeForElectron(process.version);
  if (!result.ok) {
    console.error(result.message);
    process.exit(1);
  }
}
