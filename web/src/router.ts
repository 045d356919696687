// A small hash router: "#/people/12?search=ann" → the page for /people/:id with its query.

import type { SafeHtml } from './html';

export interface RouteContext {
  path: string;
  params: string[];
  query: URLSearchParams;
}

export interface Page {
  title: string;
  body: SafeHtml;
  // Which navigation item is current.
  section?: string;
  // Wires up forms and other behaviour once the body is in the page.
  mount?: (main: HTMLElement) => void;
  // Where focus goes after navigation; the h1 by default.
  focus?: string;
}

export interface Route {
  pattern: RegExp;
  handler: (ctx: RouteContext) => Promise<Page> | Page;
  public?: boolean;
}

export function currentLocation(): { path: string; query: URLSearchParams } {
  const hash = window.location.hash.replace(/^#/, '');
  const [rawPath, rawQuery] = hash.split('?', 2) as [string, string | undefined];
  const path = rawPath && rawPath.startsWith('/') ? rawPath : '/';
  return { path, query: new URLSearchParams(rawQuery ?? '') };
}

export function match(routes: Route[], path: string): { route: Route; params: string[] } | null {
  for (const route of routes) {
    const m = route.pattern.exec(path);
    if (m) return { route, params: m.slice(1).map((p) => decodeURIComponent(p)) };
  }
  return null;
}

export function hrefTo(path: string, query: Record<string, string | number | boolean | null | undefined> = {}): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) {
    if (v === undefined || v === null || v === '' || v === false || v === 0 && k === 'offset') continue;
    params.set(k, String(v));
  }
  const qs = params.toString();
  return `#${path}${qs ? `?${qs}` : ''}`;
}

// Moves to `hash`; re-renders even when it is already the current location.
export function navigate(hash: string, rerender: () => void): void {
  if (window.location.hash === hash) rerender();
  else window.location.hash = hash;
}

// The named parameters of a query, '' for those it lacks; a filter page's state.
export function queryText<K extends string>(query: URLSearchParams, ...names: K[]): Record<K, string> {
  return Object.fromEntries(names.map((name) => [name, query.get(name) ?? ''])) as Record<K, string>;
}

// The values of a GET filter form as a query (empty values left out).
export function formQuery(form: HTMLFormElement): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of new FormData(form).entries()) {
    const value = typeof v === 'string' ? v.trim() : '';
    if (value) out[k] = value;
  }
  return out;
}

export function positiveId(text: string | undefined): number | null {
  if (!text || !/^\d+$/.test(text)) return null;
  const n = Number(text);
  return Number.isSafeInteger(n) && n > 0 ? n : null;
}
