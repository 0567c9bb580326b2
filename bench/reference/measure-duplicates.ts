import type { Router } from '../../electron/ipc/router';
import { call, MANAGER, SALES } from './common';
import type { Row } from './measure';
import { draw, summarize, timeEach } from './stats';

interface Person {
  name: string;
  mobile: string | null;
  email: string | null;
}

/**
 * The duplicate check per row, as the customer form (and later each import row) asks it: a
 * number typed another way (spaces, +86), an e-mail in capitals, and the name with a city.
 * The sales user's check also decides which matches are out of scope and audits them.
 */
export async function measureDuplicates(router: Router, people: Person[], n: number, warmup: number, random: () => number): Promise<Row[]> {
  const inputs = people
    .filter((p) => p.mobile || p.email)
    .map((p) => ({
      ...(p.mobile ? { mobile: p.mobile.replace(/\D/g, '').replace(/^(?:86)?(\d{3})(\d{4})(\d{4})$/, '+86 $1 $2 $3') } : {}),
      ...(p.email ? { email: p.email.toUpperCase() } : {}),
      name: p.name,
      city: '上海',
    }));
  const rows: Row[] = [];
  for (const [who, sender] of [['manager', MANAGER], ['sales (scope decided per match)', SALES]] as const) {
    const stats = summarize(await timeEach(draw(inputs, n, random), warmup, (input) => call(router, sender, 'customers.checkDuplicates', input)));
    rows.push({ operation: `duplicate check of one row (phone, e-mail, name + city), ${who}, via router`, coffer: stats, plain: null, unit: 'ms', target: { text: 'p95 ≤ 15 ms', met: stats.p95 <= 15 } });
  }
  return rows;
}
