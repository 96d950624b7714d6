import type { ChainRole } from '@schakel/common';
import type { CourseFormat, QuizQuestion } from '@schakel/catalogue';

/** A demo course, written for Schakel in plain Dutch (B1). Prerequisites by slug. */
export interface DemoCourse {
  slug: string;
  title: string;
  summary: string;
  chainRoles: ChainRole[];
  format: CourseFormat;
  certificateValidityMonths: number | null;
  passMark: number | null;
  durationHours: number;
  prerequisites: string[];
  lessons: Array<{ title: string; body: string; videoUrl?: string }>;
  quiz?: { passMark: number; maxAttempts: number | null; questions: Array<Omit<QuizQuestion, 'kind'>> };
}

export const DEMO_ONLINE_MODULE_SLUG = 'eenzaamheid-herkennen';

const ONLINE_MODULE: DemoCourse = {
  slug: DEMO_ONLINE_MODULE_SLUG,
  title: 'Eenzaamheid herkennen en bespreekbaar maken',
  summary:
    'Een online module in uw eigen tempo. U leert wat eenzaamheid is, aan welke signalen u het merkt, ' +
    'hoe u er rustig over begint en naar wie u iemand kunt verwijzen. Duurt ongeveer twee uur.',
  chainRoles: ['first-conversation', 'deeper-conversation'],
  format: 'online',
  certificateValidityMonths: 24,
  passMark: 66,
  durationHours: 2,
  prerequisites: [],
  lessons: [
    {
      title: 'Wat is eenzaamheid?',
      body: [
        '# Wat is eenzaamheid?',
        '',
        'Eenzaamheid is een **gevoel**. Iemand mist contact met anderen, of mist contact dat echt iets betekent.',
        'Dat is iets anders dan alleen zijn. Wie alleen woont, is niet altijd eenzaam.',
        'En wie veel mensen om zich heen heeft, kan zich toch eenzaam voelen.',
        '',
        '## Twee soorten',
        '',
        '- **Sociale eenzaamheid**: iemand heeft te weinig mensen om zich heen. Bijvoorbeeld na een verhuizing of na het stoppen met werken.',
        '- **Emotionele eenzaamheid**: iemand mist één persoon die heel dichtbij staat. Bijvoorbeeld na het overlijden van een partner.',
        '',
        'Eenzaamheid komt bij alle leeftijden voor: bij ouderen, maar ook bij jonge ouders, studenten en mensen met werk.',
      ].join('\n'),
    },
    {
      title: 'Signalen herkennen',
      body: [
        '# Signalen herkennen',
        '',
        'Mensen zeggen zelden: "Ik ben eenzaam." Er rust vaak schaamte op. Let daarom op kleine signalen:',
        '',
        '- iemand vertelt dat de dagen lang zijn, of dat er weinig bezoek komt;',
        '- iemand blijft lang hangen na een afspraak of een praatje;',
        '- de brievenbus puilt uit, de gordijnen blijven dicht;',
        '- iemand praat vaak over vroeger, of over mensen die er niet meer zijn;',
        '- iemand zegt afspraken af of komt niet meer naar de club.',
        '',
        'Eén signaal zegt nog niet zo veel. Ziet u er meer, of blijft een signaal terugkomen? Dan is het tijd om er iets mee te doen.',
      ].join('\n'),
    },
    {
      title: 'Het gesprek beginnen',
      body: [
        '# Het gesprek beginnen',
        '',
        'U hoeft het woord "eenzaam" niet te gebruiken. Begin bij wat u ziet of hoort:',
        '',
        '> "U vertelde net dat de weekenden stil zijn. Hoe is dat voor u?"',
        '',
        'Stel **open vragen**: vragen die iemand niet met ja of nee kan beantwoorden. Begin bijvoorbeeld met *hoe* of *wat*.',
        'Neem de tijd. Een stilte is niet erg; vaak komt daarna het belangrijkste.',
        'Kies een rustig moment en een plek waar u niet gestoord wordt.',
      ].join('\n'),
      videoUrl: 'https://video.schakel.example/eerste-vraag',
    },
    {
      title: 'Luisteren zonder meteen op te lossen',
      body: [
        '# Luisteren zonder meteen op te lossen',
        '',
        'Het is verleidelijk om snel met tips te komen: "Ga toch naar de buurtkamer!" Doe dat nog niet.',
        'Iemand die zich gehoord voelt, staat later meer open voor hulp.',
        '',
        '- Vat samen wat u hoort: "Dus sinds uw buurvrouw is verhuisd, praat u bijna niemand meer."',
        '- Vraag door op gevoel: "Wat doet dat met u?"',
        '- Oordeel niet en vul niet in voor de ander.',
        '',
        'U bent er niet om het probleem op te lossen. U bent er om het bespreekbaar te maken.',
      ].join('\n'),
    },
    {
      title: 'Doorverwijzen: wie kan helpen?',
      body: [
        '# Doorverwijzen: wie kan helpen?',
        '',
        'Soms is een goed gesprek genoeg. Vaak is er meer nodig. Vraag altijd eerst wat de ander zelf wil.',
        '',
        '1. Bespreek samen wat iemand zou willen: meer contact, iets om handen, of praten met een professional.',
        '2. Wijs op wat er in de buurt is: een buurtkamer, een maatje, de bibliotheek, een sportclub.',
        '3. Twijfelt u, of gaat het om zorgen die groter zijn? Neem dan contact op met de **spin in het web** in uw gemeente.',
        '',
        'Spreek af of en wanneer u nog eens langskomt of belt. Dat contact alleen al doet vaak veel.',
      ].join('\n'),
    },
  ],
  quiz: {
    passMark: 66,
    maxAttempts: 3,
    questions: [
      {
        prompt: 'Wat is het verschil tussen alleen zijn en eenzaam zijn?',
        options: [
          'Er is geen verschil',
          'Eenzaamheid is een gevoel; alleen zijn is een situatie',
          'Alleen mensen die alleen wonen, zijn eenzaam',
        ],
        correct: [1],
      },
      {
        prompt: 'Welke signalen kunnen wijzen op eenzaamheid? Kies alle goede antwoorden.',
        options: [
          'Iemand blijft lang hangen na een praatje',
          'De gordijnen blijven de hele dag dicht',
          'Iemand heeft een drukke agenda met veel afspraken',
          'Iemand zegt vaak afspraken af',
        ],
        correct: [0, 1, 3],
      },
      {
        prompt: 'Welke vraag is een open vraag?',
        options: ['Bent u eenzaam?', 'Hoe zien uw weekenden eruit?', 'Komt uw dochter nog wel eens langs?'],
        correct: [1],
      },
      {
        prompt: 'Iemand vertelt dat het stil is sinds de buurvrouw verhuisde. Wat doet u eerst?',
        options: [
          'Meteen de buurtkamer aanraden',
          'Zeggen dat het wel goed komt',
          'Samenvatten wat u hoort en vragen wat dat met hem of haar doet',
        ],
        correct: [2],
      },
      {
        prompt: 'Welke twee soorten eenzaamheid bespreekt de module? Kies alle goede antwoorden.',
        options: ['Sociale eenzaamheid', 'Digitale eenzaamheid', 'Emotionele eenzaamheid', 'Tijdelijke eenzaamheid'],
        correct: [0, 2],
      },
      {
        prompt: 'Wanneer neemt u contact op met de spin in het web? Kies alle goede antwoorden.',
        options: [
          'Als u twijfelt wat de beste hulp is',
          'Als de zorgen groter zijn dan u zelf kunt dragen',
          'Nooit, dat mag alleen de huisarts',
        ],
        correct: [0, 1],
      },
    ],
  },
};

export const DEMO_COURSES: DemoCourse[] = [
  ONLINE_MODULE,
  {
    slug: 'het-eerste-gesprek',
    title: 'Het eerste gesprek over eenzaamheid',
    summary:
      'Voor vrijwilligers en professionals die als eerste merken dat iemand eenzaam is: de winkelier, de kraamverzorgster, ' +
      'de doktersassistent, de buurvrouw. Eerst twee korte lessen online, daarna een trainingsdag waarin u oefent met het eerste gesprek.',
    chainRoles: ['first-conversation'],
    format: 'blended',
    certificateValidityMonths: 24,
    passMark: null,
    durationHours: 5,
    prerequisites: [],
    lessons: [
      {
        title: 'Voorbereiding: uw eigen ervaring',
        body: '# Uw eigen ervaring\n\nDenk aan een moment waarop u zich alleen voelde. Wat hielp toen? Wat juist niet?\nSchrijf het kort op en neem het mee naar de trainingsdag.',
      },
      {
        title: 'Voorbereiding: wat is uw plek in de keten?',
        body: '# Uw plek in de keten\n\nU bent de eerste schakel. U hoeft niet alles te weten of op te lossen.\nU merkt op, maakt het bespreekbaar en weet naar wie u kunt verwijzen.',
      },
    ],
  },
  {
    slug: 'het-verdiepende-gesprek',
    title: 'Het verdiepende gesprek',
    summary:
      'Voor wie het vervolggesprek voert. U leert doorvragen naar wat er achter de eenzaamheid zit, ' +
      'en samen met iemand kleine, haalbare stappen te zetten. Twee dagdelen, live.',
    chainRoles: ['deeper-conversation'],
    format: 'live',
    certificateValidityMonths: 24,
    passMark: null,
    durationHours: 6,
    prerequisites: ['het-eerste-gesprek'],
    lessons: [],
  },
  {
    slug: 'intake-en-verwijzing',
    title: 'Intake en verwijzing',
    summary:
      'Voor wie inschat wat iemand nodig heeft en de juiste hulp kiest. U oefent met een intakegesprek, ' +
      'leert de meest gebruikte vragenlijst kennen en maakt een overzicht van het aanbod in uw gemeente.',
    chainRoles: ['intake-referral'],
    format: 'live',
    certificateValidityMonths: 24,
    passMark: null,
    durationHours: 6,
    prerequisites: ['het-eerste-gesprek'],
    lessons: [],
  },
  {
    slug: 'spin-in-het-web',
    title: 'Spin in het web',
    summary:
      'Voor de coördinator die de keten bij elkaar houdt. Hoe houdt u overzicht, wie belt u wanneer, ' +
      'en hoe zorgt u dat niemand tussen wal en schip valt? Met voorbeelden uit andere gemeenten.',
    chainRoles: ['coordinator'],
    format: 'live',
    certificateValidityMonths: 36,
    passMark: null,
    durationHours: 4,
    prerequisites: ['intake-en-verwijzing'],
    lessons: [],
  },
  {
    slug: 'zie-mij',
    title: 'Zie mij',
    summary:
      'Een open training van één dag, voor iedereen die wil leren eenzaamheid te zien en er iets mee te doen. ' +
      'U kunt zich zelf aanmelden. De training wordt een paar keer per jaar gegeven.',
    chainRoles: ['first-conversation', 'deeper-conversation'],
    format: 'live',
    certificateValidityMonths: null,
    passMark: null,
    durationHours: 6,
    prerequisites: [],
    lessons: [],
  },
  {
    slug: 'verdiepingstraining-wijkteams',
    title: 'Verdiepingstraining wijkteams',
    summary:
      'Een training op maat voor een wijkteam, bij u op locatie. Het team werkt met eigen casussen ' +
      'en maakt afspraken over wie in de wijk welke rol in de keten heeft.',
    chainRoles: ['deeper-conversation', 'intake-referral'],
    format: 'live',
    certificateValidityMonths: 24,
    passMark: null,
    durationHours: 7,
    prerequisites: ['het-verdiepende-gesprek'],
    lessons: [],
  },
];
