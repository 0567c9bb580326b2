import { useId, type KeyboardEvent, type ReactNode } from 'react';
import styles from './Tabs.module.css';
import { cx } from './cx';

export interface TabItem<Id extends string> {
  id: Id;
  label: ReactNode;
  testId?: string | undefined;
}

export interface TabsProps<Id extends string> {
  /** Names the tab list for screen readers. */
  label: string;
  tabs: ReadonlyArray<TabItem<Id>>;
  selected: Id;
  onSelect(id: Id): void;
  /** The selected tab's panel. */
  children: ReactNode;
  className?: string | undefined;
  testId?: string | undefined;
}

/**
 * The WAI-ARIA tabs pattern with automatic activation: one tab stop (the selected tab); arrows,
 * Home and End move to a tab and select it. Only the selected panel is rendered.
 */
export function Tabs<Id extends string>({ label, tabs, selected, onSelect, children, className, testId }: TabsProps<Id>) {
  const base = useId();
  const tabId = (id: Id) => `${base}-tab-${id}`;
  const panelId = `${base}-panel`;

  const move = (event: KeyboardEvent<HTMLDivElement>) => {
    const at = tabs.findIndex((tab) => tab.id === selected);
    const last = tabs.length - 1;
    const next =
      event.key === 'ArrowRight' ? (at >= last ? 0 : at + 1)
      : event.key === 'ArrowLeft' ? (at <= 0 ? last : at - 1)
      : event.key === 'Home' ? 0
      : event.key === 'End' ? last
      : null;
    const target = next === null ? undefined : tabs[next];
    if (!target) return;
    event.preventDefault();
    onSelect(target.id);
    document.getElementById(tabId(target.id))?.focus();
  };

  return (
    <div className={className} data-testid={testId}>
      <div role="tablist" aria-label={label} className={styles.list} onKeyDown={move}>
        {tabs.map((tab) => {
          const active = tab.id === selected;
          return (
            <button
              key={tab.id}
              id={tabId(tab.id)}
              type="button"
              role="tab"
              aria-selected={active}
              aria-controls={active ? panelId : undefined}
              tabIndex={active ? 0 : -1}
              className={cx(styles.tab, active && styles.active)}
              data-testid={tab.testId}
              onClick={() => onSelect(tab.id)}
            >
              {tab.label}
            </button>
          );
        })}
      </div>
      <div id={panelId} role="tabpanel" aria-labelledby={tabId(selected)} tabIndex={0} className={styles.panel}>
        {children}
      </div>
    </div>
  );
}
