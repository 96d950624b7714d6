import { PageRenderer } from '@schakel/web';
import { lessonBlocks } from './player.view';

const plain = (text: string) => [{ text }];

describe('lessonBlocks: a lesson\'s Markdown as the player shows it', () => {
  it('makes "- ", "* " and "+ " lines one bulleted list, and "1. " lines a numbered one', () => {
    expect(lessonBlocks('Let op:\n\n- de dagen zijn lang;\n* weinig bezoek;\n+ de gordijnen dicht.\n\n1. Vraag wat iemand wil.\n2. Wijs op de buurt.')).toEqual([
      { paragraph: plain('Let op:') },
      { list: [plain('de dagen zijn lang;'), plain('weinig bezoek;'), plain('de gordijnen dicht.')], ordered: false },
      { list: [plain('Vraag wat iemand wil.'), plain('Wijs op de buurt.')], ordered: true },
    ]);
  });

  it('lets a list follow a paragraph line directly, keeps an item\'s next line in the item, and ends the list at the text after it', () => {
    expect(lessonBlocks('Signalen:\n- lange dagen,\n  vooral in het weekend\n- weinig bezoek\n\nEén signaal zegt weinig.')).toEqual([
      { paragraph: plain('Signalen:') },
      { list: [plain('lange dagen, vooral in het weekend'), plain('weinig bezoek')], ordered: false },
      { paragraph: plain('Eén signaal zegt weinig.') },
    ]);
  });

  it('keeps a numbered list that starts elsewhere, and a year at the start of a sentence as text', () => {
    expect(lessonBlocks('3. Derde stap\n4. Vierde stap')).toEqual([{ list: [plain('Derde stap'), plain('Vierde stap')], ordered: true, start: 3 }]);
    expect(lessonBlocks('Het gebeurde in\n2024. Een jaar later')).toEqual([{ paragraph: plain('Het gebeurde in 2024. Een jaar later') }]);
  });

  it('joins a paragraph\'s lines, and makes headings from the shallowest h3 down without skipping a level', () => {
    expect(lessonBlocks('## Twee soorten\n\nEenzaamheid is een gevoel.\nHet is iets anders dan alleen zijn.\n\n### Sociaal\r\nTe weinig mensen.')).toEqual([
      { heading: plain('Twee soorten'), level: 3 },
      { paragraph: plain('Eenzaamheid is een gevoel. Het is iets anders dan alleen zijn.') },
      { heading: plain('Sociaal'), level: 4 },
      { paragraph: plain('Te weinig mensen.') },
    ]);
    expect(lessonBlocks('#hashtag is geen kop')).toEqual([{ paragraph: plain('#hashtag is geen kop') }]);
  });

  it('marks **strong**, *emphasis* and https links, a quote, and leaves anything else as text', () => {
    expect(lessonBlocks('Stel **open vragen**, met *hoe* of _wat_. Zie [de gids](https://gids.example/vragen).')).toEqual([
      { paragraph: [{ text: 'Stel ' }, { text: 'open vragen', strong: true }, { text: ', met ' }, { text: 'hoe', em: true }, { text: ' of ' }, { text: 'wat', em: true }, { text: '. Zie ' }, { text: 'de gids', href: 'https://gids.example/vragen' }, { text: '.' }] },
    ]);
    expect(lessonBlocks('> "Hoe is dat voor u?"\n\n3 * 4 = 12 en snake_case_naam; [klik](javascript:alert(1))')).toEqual([
      { quote: plain('"Hoe is dat voor u?"') },
      { paragraph: plain('3 * 4 = 12 en snake_case_naam; [klik](javascript:alert(1))') },
    ]);
  });

  it('renders through learn.hbs with every word escaped: no HTML from a lesson reaches the page', () => {
    const pages = new PageRenderer();
    const html = pages.render('learn', {
      lang: 'nl',
      title: 'Les',
      enrolmentId: 'e1',
      course: { title: 'Cursus' },
      lessonCount: 1,
      progress: { percent: 0, label: '0 van 1' },
      lessons: [],
      lesson: {
        id: 'l1',
        number: 1,
        title: 'Les',
        blocks: lessonBlocks('# Kop <b>vet</b>\n\n- een <script>alert(1)</script>\n- **twee**\n\n1. [link](https://x.example/?a=1&b="2")\n\n<img src=x onerror=alert(1)>'),
      },
    });
    const lesson = html.slice(html.indexOf('<article'), html.indexOf('</article>'));
    expect(lesson).toContain('<h3 class="utrecht-heading-3">Kop &lt;b&gt;vet&lt;/b&gt;</h3>');
    expect(lesson).toMatch(/<ul class="utrecht-unordered-list"><li class="utrecht-unordered-list__item">een &lt;script&gt;alert\(1\)&lt;\/script&gt;<\/li><li class="utrecht-unordered-list__item"><strong>twee<\/strong><\/li><\/ul>/);
    expect(lesson).toContain('<ol class="utrecht-ordered-list"><li class="utrecht-ordered-list__item"><a class="utrecht-link" href="https://x.example/?a&#x3D;1&amp;b&#x3D;&quot;2&quot;" rel="noopener noreferrer">link</a></li></ol>');
    expect(lesson).toContain('<p class="utrecht-paragraph">&lt;img src&#x3D;x onerror&#x3D;alert(1)&gt;</p>');
    expect(lesson).not.toMatch(/<(script|img|b)[\s>]/);
  });
});
