/** A WHERE clause built from optional filters: a filter left undefined adds nothing. */
export function conditions(base: string[] = [], baseParams: (string | number)[] = []) {
  const where = [...base];
  const params = [...baseParams];
  return {
    add(sql: string, value: string | number | undefined): void {
      if (value === undefined) return;
      where.push(sql);
      params.push(value);
    },
    sql: () => where.join(' AND '),
    params,
  };
}
