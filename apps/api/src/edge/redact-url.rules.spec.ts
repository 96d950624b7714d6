import { redactUrl } from './redact-url.rules';

describe('redactUrl', () => {
  it('hides token query parameters and calendar feed tokens, keeps everything else', () => {
    expect(redactUrl('/reset-password?token=abc.def.ghi')).toBe('/reset-password?token=[REDACTED]');
    expect(redactUrl('/api/unsubscribe?x=1&token=a.b.c&y=2')).toBe('/api/unsubscribe?x=1&token=[REDACTED]&y=2');
    expect(redactUrl('/api/calendar/Zm9vYmFy.ics')).toBe('/api/calendar/[REDACTED].ics');
    expect(redactUrl('/api/sessions?courseId=1')).toBe('/api/sessions?courseId=1');
    expect(redactUrl(undefined)).toBeUndefined();
  });
});
