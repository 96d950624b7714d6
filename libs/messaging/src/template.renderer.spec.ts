import { formatDate, formatMeeting } from '@schakel/common';
import { MESSAGES } from './kinds';
import { parseTemplateFile, TemplateRenderer } from './template.renderer';

const session = {
  lines: [formatMeeting(new Date('2026-03-03T09:00:00Z'), new Date('2026-03-03T15:00:00Z'), 'nl')],
  place: 'Buurthuis De Schakel & Co',
  onlineUrl: null,
};

describe('e-mail templates', () => {
  const renderer = new TemplateRenderer();

  it('formats times in Europe/Amsterdam, in the reader’s language', () => {
    expect(formatMeeting(new Date('2026-03-03T09:00:00Z'), new Date('2026-03-03T15:00:00Z'), 'nl')).toBe('dinsdag 3 maart 2026, 10:00–16:00');
    expect(formatMeeting(new Date('2026-03-03T09:00:00Z'), new Date('2026-03-03T15:00:00Z'), 'en')).toBe('Tuesday 3 March 2026, 10:00–16:00');
    // summer time
    expect(formatMeeting(new Date('2026-07-01T08:00:00Z'), new Date('2026-07-02T12:00:00Z'), 'nl')).toBe(
      'woensdag 1 juli 2026, 10:00 – donderdag 2 juli 2026, 14:00',
    );
    expect(formatDate(new Date('2027-03-03T09:00:00Z'), 'nl')).toBe('3 maart 2027');
  });

  it('renders a Dutch confirmation with subject, plain text and HTML, the place and a cancel link', () => {
    const mail = renderer.render('nl', 'enrolment-confirmed', { name: 'Anna', course: 'Het eerste gesprek', session, cancelUrl: 'http://x.test/c?token=a&b' });
    expect(mail.subject).toBe('U bent ingeschreven: Het eerste gesprek');
    expect(mail.text).toContain('Beste Anna,');
    expect(mail.text).toContain('- dinsdag 3 maart 2026, 10:00–16:00');
    expect(mail.text).toContain('Waar: Buurthuis De Schakel & Co');
    expect(mail.text).toContain('http://x.test/c?token=a&b');
    expect(mail.html).toContain('<html lang="nl">');
    expect(mail.html).toContain('Buurthuis De Schakel &amp; Co');
    expect(mail.html).toContain('href="http://x.test/c?token&#x3D;a&amp;b"');
  });

  it('a session reminder says today and the time, or tomorrow and the time, or in how many days', () => {
    const base = { name: 'Anna', course: 'Het eerste gesprek', session, cancelUrl: 'c', unsubscribeUrl: 'u', time: '14:00' };
    const today = renderer.render('nl', 'session-reminder', { ...base, days: 0, today: true, tomorrow: false });
    expect(today.subject).toBe('Vandaag om 14:00: Het eerste gesprek');
    expect(today.text).toContain('Denkt u eraan? Vandaag om 14:00 is Het eerste gesprek.');
    expect(today.text).not.toContain('Morgen');
    expect(renderer.render('nl', 'session-reminder', { ...base, days: 1, today: false, tomorrow: true }).subject).toBe('Morgen om 14:00: Het eerste gesprek');
    expect(renderer.render('nl', 'session-reminder', { ...base, days: 3, today: false, tomorrow: false }).subject).toBe('Over 3 dagen: Het eerste gesprek');
    expect(renderer.render('en', 'session-reminder', { ...base, days: 0, today: true, tomorrow: false }).subject).toBe('Today at 14:00: Het eerste gesprek');
  });

  it('renders English for English readers', () => {
    const mail = renderer.render('en', 'enrolment-waitlisted', { name: 'Ann', course: 'First conversation', position: 3, session });
    expect(mail.subject).toBe('You are on the waiting list: First conversation');
    expect(mail.text).toContain('at number 3');
    expect(mail.html).toContain('<html lang="en">');
  });

  it('escapes what people typed in HTML, not in the subject or text', () => {
    const mail = renderer.render('nl', 'module-nudge', { name: '<b>Piet</b>', course: 'A & B', link: 'http://x.test', unsubscribeUrl: 'http://x.test/u' });
    expect(mail.subject).toBe('Gaat u verder met A & B?');
    expect(mail.text).toContain('Beste <b>Piet</b>,');
    expect(mail.html).toContain('Beste &lt;b&gt;Piet&lt;/b&gt;,');
    expect(mail.html).toContain('href="http://x.test/u"');
  });

  it.each(['nl', 'en'] as const)('has the template of every message kind in %s, each with a subject', (locale) => {
    for (const { template } of Object.values(MESSAGES)) {
      const mail = renderer.render(locale, template, { name: 'X', course: 'Y', session, organisation: 'Z', position: 1, expiresOn: 'morgen', link: 'l', verifyUrl: 'v' });
      expect(mail.subject.length).toBeGreaterThan(3);
      expect(mail.text).toContain('X');
    }
  });

  it('refuses a template file without its three parts', () => {
    expect(() => parseTemplateFile('{{!-- subject --}}\nHoi\n{{!-- text --}}\nHoi')).toThrow(/html/);
  });
});
