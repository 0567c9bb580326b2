/** English text of the UI primitives (renderer/src/ui). */
export const uiKitEn = {
  'ui.notifications': 'Notifications',
  'ui.dismiss': 'Dismiss',
} as const;
