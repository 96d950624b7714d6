// Small enhancements only: every page works without this file.
// An element with an id and data-poll="<url>" is replaced by the element of the same id from
// that URL every 2 s while it carries data-poll (a progress bar while a job runs); the server
// leaves the attribute out once the job is done, which ends the polling.
function poll(element) {
  setTimeout(async () => {
    try {
      const response = await fetch(element.dataset.poll, { headers: { Accept: 'text/html' }, credentials: 'same-origin' });
      if (response.ok) {
        const html = await response.text();
        const next = new DOMParser().parseFromString(html, 'text/html').getElementById(element.id);
        if (next) { element.replaceWith(next); if (next.dataset.poll) poll(next); return; }
      }
    } catch { /* try again */ }
    poll(element);
  }, 2000);
}
document.querySelectorAll('[data-poll]').forEach(poll);
