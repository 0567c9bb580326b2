import type { Core } from '../core';
import { appHandlers } from './handlers/app';
import { createRouter, type HandlerMap, type Router } from './router';

/** The full handler map: one spread per feature, checked against the contract by its type. */
export function createAppRouter(core: Core, logInternal?: (line: string) => void): Router {
  const handlers: HandlerMap = {
    ...appHandlers(core.app),
  };
  return createRouter({ handlers, ...(logInternal ? { logInternal } : {}) });
}
