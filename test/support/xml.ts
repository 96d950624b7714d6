/**
 * A strict XML well-formedness check (no XML parser is among the dependencies): one root
 * element, tags closed in order, attributes quoted and not repeated, `&` only in entities,
 * no `<` in text or attribute values. Returns the document's text content (entities
 * decoded) so a test can look for words in it; throws naming the first problem.
 */
export function parseXml(xml: string): { root: string; text: string } {
  let rest = xml.replace(/^<\?xml[^?]*\?>\s*/, '');
  const stack: string[] = [];
  const texts: string[] = [];
  let root: string | null = null;
  const entity = /&(amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);/g;
  const checkText = (text: string) => {
    if (/[<]/.test(text) || /&/.test(text.replace(entity, ''))) throw new Error(`bad character in "${text.slice(0, 40)}"`);
    return text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');
  };
  while (rest.length > 0) {
    if (rest.startsWith('<!--')) {
      const end = rest.indexOf('-->');
      if (end < 0) throw new Error('unclosed comment');
      rest = rest.slice(end + 3);
      continue;
    }
    if (rest.startsWith('</')) {
      const m = /^<\/([A-Za-z_][\w.:-]*)\s*>/.exec(rest);
      if (!m) throw new Error(`bad closing tag at "${rest.slice(0, 30)}"`);
      const open = stack.pop();
      if (open !== m[1]) throw new Error(`</${m[1]}> closes <${open}>`);
      rest = rest.slice(m[0].length);
      continue;
    }
    if (rest.startsWith('<')) {
      const m = /^<([A-Za-z_][\w.:-]*)((?:\s+[A-Za-z_][\w.:-]*\s*=\s*(?:"[^"]*"|'[^']*'))*)\s*(\/?)>/.exec(rest);
      if (!m) throw new Error(`bad tag at "${rest.slice(0, 40)}"`);
      if (stack.length === 0) {
        if (root) throw new Error('more than one root element');
        root = m[1];
      }
      const names = [...m[2].matchAll(/([A-Za-z_][\w.:-]*)\s*=\s*("[^"]*"|'[^']*')/g)].map((a) => {
        checkText(a[2].slice(1, -1));
        return a[1];
      });
      if (new Set(names).size !== names.length) throw new Error(`repeated attribute in <${m[1]}>`);
      if (!m[3]) stack.push(m[1]);
      rest = rest.slice(m[0].length);
      continue;
    }
    const end = rest.indexOf('<');
    const text = end < 0 ? rest : rest.slice(0, end);
    if (stack.length === 0 && text.trim()) throw new Error('text outside the root element');
    texts.push(checkText(text));
    rest = end < 0 ? '' : rest.slice(end);
  }
  if (stack.length > 0) throw new Error(`unclosed <${stack.pop()}>`);
  if (!root) throw new Error('no root element');
  return { root, text: texts.join(' ').replace(/\s+/g, ' ') };
}
