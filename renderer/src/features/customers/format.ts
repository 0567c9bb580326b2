// Money is integer minor units end to end; showing it is i18n/format.ts (formatMoney, useFormat().money).

/** "12", "12.5", "1,280.00" -> minor units; anything else (or more than two decimals) -> null. */
export function parseMoney(text: string): number | null {
  const match = /^\s*(\d{1,11})(?:\.(\d{1,2}))?\s*$/.exec(text.replace(/[,，\s]/g, ''));
  if (!match) return null;
  return Number(match[1]) * 100 + Number((match[2] ?? '').padEnd(2, '0'));
}

/** A Date as the value of an <input type="datetime-local"> in the user's time zone. */
export function toLocalInput(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}
