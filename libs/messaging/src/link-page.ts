/** Small server-rendered pages behind the links in e-mails: large, plain, no scripts. */
export const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);

export const htmlPage = (lang: string, title: string, body: string) =>
  `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">` +
  `<title>${title}</title></head><body style="font-family:Arial,sans-serif;font-size:20px;line-height:1.5;max-width:40em;margin:2em auto;padding:0 1em">` +
  `${body}</body></html>`;

export const BUTTON_STYLE = 'font-size:22px;padding:.6em 1.2em';
