/**
 * Mail links and calendar feeds carry their secret in the URL (`?token=…`,
 * `/api/calendar/<token>.ics`); a URL written to the logs would hand the key to whoever
 * reads them. The log line keeps the path and says a token was there.
 */
export function redactUrl(url: string | undefined): string | undefined {
  if (!url) return url;
  return url
    .replace(/([?&]token=)[^&#]*/gi, '$1[REDACTED]')
    .replace(/^(\/api\/calendar\/)[^/?#]+(\.ics)/i, '$1[REDACTED]$2');
}
