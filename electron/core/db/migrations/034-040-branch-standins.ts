import type { Migration } from './types';

/**
 * BRANCH ONLY (auditspeed): numbers 034 to 040 belong to helpers working in parallel; these
 * no-op stand-ins let this branch's migration 041 run and be tested on its own. Drop this file
 * and its line in index.ts when merging: the real 034..040 take their places.
 */
export const branchStandins034to040: Migration[] = [34, 35, 36, 37, 38, 39, 40].map((version) => ({ version, name: `standin-${version}`, up: () => undefined }));
