import { useQueries } from '@tanstack/react-query';
import { useCallback, useMemo, useState } from 'react';
import type { ChannelInput, ChannelOutput } from '../../../../shared/contract';
import type { CustomerFilters, CustomerSort, CustomerView } from '../../../../shared/customers';
import type { ErrorBody } from '../../../../shared/errors';
import { channelKey, errorBody, fetchChannel, useChannelQuery } from '../../query';

/** Rows per page fetched by position. */
export const PAGE = 100;
/** A search shows at most this many, best first; one more is asked for to know there are more. */
export const SEARCH_CAP = 200;

type ListPage = ChannelOutput<'customers.list'>;

// Outside the hook, so TanStack Query keeps the combined value stable while no page changes.
function combinePages(results: { data?: ListPage | undefined; isPending: boolean; error: Error | null }[]) {
  return { datas: results.map((r) => r.data), pending: results[0]?.isPending ?? true, error: results.find((r) => r.error)?.error ?? null };
}

export interface ListChoice {
  query: string;
  filters: CustomerFilters;
  sort: CustomerSort;
  dir: 'asc' | 'desc';
}

export interface CustomerRows {
  searching: boolean;
  /** How many rows the table is sized to: the whole filtered list, or the search's shown matches. */
  count: number;
  /** The real total for the filter (counted in main), or null while searching or loading. */
  total: number | null;
  /** A search with more matches than it shows. */
  capped: boolean;
  pending: boolean;
  error: ErrorBody | null;
  rowAt(index: number): CustomerView | undefined;
  /** The rows loaded around the visible range, for selection. */
  loaded: CustomerView[];
  /** The table tells which rows are on screen; their pages are fetched by position. */
  showRange(first: number, last: number): void;
}

/**
 * The list as server data: the table is sized to the total main counted, and the pages under the
 * visible rows are fetched by position (customers.list with an offset), each cached under its own
 * key. Chosen over appending keyset pages as the person scrolls because the scroll bar then
 * stands for the whole list: dragging it to the end (or pressing End) fetches the last page
 * directly, one indexed query, instead of every page before it (1,000 calls at 100,000 customers).
 */
export function useCustomerRows(choice: ListChoice): CustomerRows {
  const query = choice.query.trim();
  const searching = query !== '';
  const base = { filters: choice.filters, sort: choice.sort, dir: choice.dir, limit: PAGE };
  const [range, setRange] = useState<[number, number]>([0, 0]);
  const scope = JSON.stringify([choice.filters, choice.sort, choice.dir]);
  const [rangeScope, setRangeScope] = useState(scope);
  if (rangeScope !== scope) {
    // Another filter or sort starts at the top again.
    setRangeScope(scope);
    setRange([0, 0]);
  }
  const pageNumbers = useMemo(() => {
    const first = Math.floor(range[0] / PAGE);
    const last = Math.floor(range[1] / PAGE);
    const numbers = new Set([0]);
    for (let p = first; p <= last; p += 1) numbers.add(p);
    return [...numbers];
  }, [range]);

  const search = useChannelQuery('customers.search', { query, filters: choice.filters, limit: SEARCH_CAP + 1 }, { enabled: searching });
  const pages = useQueries({
    queries: (searching ? [] : pageNumbers).map((page) => {
      const input: ChannelInput<'customers.list'> = { ...base, offset: page * PAGE };
      return { queryKey: channelKey('customers.list', input), queryFn: () => fetchChannel('customers.list', input) };
    }),
    combine: combinePages,
  });
  const loadedPages = useMemo(() => pages.datas.flatMap((d) => d?.items ?? []), [pages.datas]);
  const found = search.data;
  const shown = useMemo(() => (found ?? []).slice(0, SEARCH_CAP), [found]);

  const showRange = useCallback((first: number, last: number) => {
    setRange((had) => (had[0] === first && had[1] === last ? had : [first, last]));
  }, []);

  if (searching) {
    return { searching, count: shown.length, total: null, capped: (found?.length ?? 0) > SEARCH_CAP, pending: search.isPending, error: errorBody(search.error), rowAt: (i) => shown[i], loaded: shown, showRange };
  }
  const byPage = new Map(pageNumbers.map((page, i) => [page, pages.datas[i]]));
  const total = pages.datas.map((d) => d?.total).find((n): n is number => typeof n === 'number') ?? null;
  return {
    searching,
    count: total ?? 0,
    total,
    capped: false,
    pending: pages.pending,
    error: errorBody(pages.error),
    rowAt: (i) => byPage.get(Math.floor(i / PAGE))?.items[i % PAGE],
    loaded: loadedPages,
    showRange,
  };
}
