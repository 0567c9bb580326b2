import { useId, type KeyboardEvent, type ReactNode } from 'react';

export interface RecordTabsProps<Id extends string> {
  label: string;
  tabs: ReadonlyArray<{ id: Id; label: ReactNode }>;
  selected: Id;
  onSelect(id: Id): void;
  children: ReactNode;
  testId?: string | undefined;
}

/**
 * The WAI-ARIA tabs pattern (one tab stop; arrows, Home and End select), with the props of the
 * ui-kit's Tabs so the record page can switch to that primitive by changing its import.
 */
export function RecordTabs<Id extends string>({ label, tabs, selected, onSelect, children, testId }: RecordTabsProps<Id>) {
  const base = useId();
  const tabId = (id: Id) => `${base}-tab-${id}`;
  const move = (event: KeyboardEvent) => {
    const at = tabs.findIndex((tab) => tab.id === selected);
    const last = tabs.length - 1;
    const next = event.key === 'ArrowRight' ? (at >= last ? 0 : at + 1) : event.key === 'ArrowLeft' ? (at <= 0 ? last : at - 1) : event.key === 'Home' ? 0 : event.key === 'End' ? last : null;
    const target = next === null ? undefined : tabs[next];
    if (!target) return;
    event.preventDefault();
    onSelect(target.id);
    document.getElementById(tabId(target.id))?.focus();
  };
  return (
    <div className="card" data-testid={testId} style={{ maxWidth: 'none', marginTop: 16 }}>
      <div role="tablist" aria-label={label} className="tabs" onKeyDown={move}>
        {tabs.map((tab) => (
          <button key={tab.id} id={tabId(tab.id)} type="button" role="tab" aria-selected={tab.id === selected} tabIndex={tab.id === selected ? 0 : -1} className={tab.id === selected ? 'tab active' : 'tab'} onClick={() => onSelect(tab.id)}>
            {tab.label}
          </button>
        ))}
      </div>
      <div role="tabpanel" aria-labelledby={tabId(selected)}>
        {children}
      </div>
    </div>
  );
}
