/** Reading the HTTP headers that steer polling: Retry-After, Cache-Control / Expires, Content-Type. */

export type HeaderBag = Record<string, string | string[] | undefined>;

/** First value of a header (undici gives arrays for repeated headers). */
export function headerValue(headers: HeaderBag, name: string): string | null {
  const v = headers[name.toLowerCase()];
  if (Array.isArray(v)) return v[0] ?? null;
  return v ?? null;
}

/** Retry-After as milliseconds from now: delta-seconds or an HTTP date. Undefined when absent or unreadable. */
export function retryAfterMs(value: string | null, now: number = Date.now()): number | undefined {
  if (!value) return undefined;
  const v = value.trim();
  if (/^\d+$/.test(v)) return Number(v) * 1000;
  const at = Date.parse(v);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

/** Freshness lifetime from Cache-Control max-age (preferred) or Expires minus Date; null when the server gives none. */
export function cacheMaxAgeMs(headers: HeaderBag, now: number = Date.now()): number | null {
  const cc = headerValue(headers, 'cache-control');
  if (cc) {
    const directives = cc
      .toLowerCase()
      .split(',')
      .map((d) => d.trim());
    if (directives.includes('no-store') || directives.includes('no-cache')) return 0;
    const maxAge = directives.map((d) => /^max-age\s*=\s*"?(\d+)"?$/.exec(d)).find((m) => m);
    if (maxAge) return Number(maxAge[1]) * 1000;
  }
  const expires = headerValue(headers, 'expires');
  if (expires) {
    const at = Date.parse(expires);
    if (Number.isNaN(at)) return 0; // RFC 9111: an invalid Expires means "already expired"
    const date = Date.parse(headerValue(headers, 'date') ?? '');
    return Math.max(0, at - (Number.isNaN(date) ? now : date));
  }
  return null;
}

/** Media type of a Content-Type header, lower case, without parameters ("text/html"). */
export function mediaType(contentType: string | null): string | null {
  if (!contentType) return null;
  return contentType.split(';')[0]?.trim().toLowerCase() || null;
}
