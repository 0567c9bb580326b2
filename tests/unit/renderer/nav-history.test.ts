import { beforeEach, describe, expect, it } from 'vitest';
import { historyCommandFor } from '../../../electron/main/app-command';
import { isMenuCommand } from '../../../shared/menu-commands';
import { registerScrollSource, useNavStore } from '../../../renderer/src/stores/nav-store';

const start = useNavStore.getState();
beforeEach(() => useNavStore.setState(start, true));

describe('nav store scroll memory', () => {
  it('captures every registered scroll source when the user leaves an entry, and gives them back on return', () => {
    let content = 0;
    let table = 0;
    const nav = () => useNavStore.getState();
    const offContent = registerScrollSource('content', () => content);
    const offTable = registerScrollSource('customers-table', () => table);
    nav().go('customers');
    content = 120;
    table = 1850.4;
    nav().go('reminders');
    // The new entry starts at the top: nothing remembered for it yet.
    expect(nav().scrollFor()).toBe(0);
    expect(nav().scrollFor('customers-table')).toBe(0);
    content = 40;
    offTable();
    nav().back();
    expect(nav().route.page).toBe('customers');
    expect(nav().scrollFor()).toBe(120);
    expect(nav().scrollFor('customers-table')).toBe(1850);
    // Forward returns to the page left by Back, where it was scrolled to.
    nav().forward();
    expect(nav().scrollFor()).toBe(40);
    offContent();
  });

  it('a new entry after Back drops the forward entries and their offsets', () => {
    let content = 0;
    const off = registerScrollSource('content', () => content);
    const nav = () => useNavStore.getState();
    nav().go('customers');
    nav().go('audit');
    content = 500;
    nav().back();
    nav().go('settings');
    expect(nav().canGoForward()).toBe(false);
    expect(nav().entries.map((e) => e.page)).toEqual(['home', 'customers', 'settings']);
    expect(nav().scrollFor()).toBe(0);
    off();
  });

  it('rememberScroll keeps the old single-offset use working, keyed to the content area', () => {
    const nav = () => useNavStore.getState();
    nav().rememberScroll(77);
    nav().rememberScroll(9, 'list');
    expect(nav().scrollFor()).toBe(77);
    expect(nav().scrollFor('list')).toBe(9);
  });

  it('an unregistered source is no longer read', () => {
    const nav = () => useNavStore.getState();
    const off = registerScrollSource('gone', () => 300);
    off();
    nav().go('customers');
    nav().back();
    expect(nav().scrollFor('gone')).toBe(0);
  });
});

describe("Windows' app-commands for Back and Forward", () => {
  it('map to the history menu commands the preload lets through, and nothing else does', () => {
    expect(historyCommandFor('browser-backward')).toBe('history.back');
    expect(historyCommandFor('browser-forward')).toBe('history.forward');
    expect(isMenuCommand(historyCommandFor('browser-backward'))).toBe(true);
    expect(isMenuCommand(historyCommandFor('browser-forward'))).toBe(true);
    expect(historyCommandFor('browser-refresh')).toBeNull();
    expect(historyCommandFor('media-play-pause')).toBeNull();
  });
});
