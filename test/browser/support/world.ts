import { DataSource } from 'typeorm';
import type { TestApi } from '../../support/app';
import { createCourse, publish, type TestCourse } from '../../factories/course.factory';
import { createTrainer } from '../../factories/organisation.factory';
import type { Person } from '../../factories/person.factory';
import { putQuiz, QUIZ_QUESTIONS } from '../../factories/quiz.factory';
import { scheduleSession, type SessionBody } from '../../factories/session.factory';

/** The catalogue the journeys walk through, made through the API by a platform trainer. */
export interface World {
  trainer: Person;
  /** Live, first conversation, with an open session. */
  live: TestCourse;
  liveSession: SessionBody;
  /** Online, first conversation: three lessons and the four-question quiz (pass mark 75). */
  online: TestCourse;
  /** Blended, first conversation: two lessons, the quiz and an open session. */
  blended: TestCourse;
  blendedSession: SessionBody;
}

const LESSONS = [
  ['Wat is eenzaamheid?', 'Eenzaamheid is het gevoel dat je **minder contact** hebt dan je zou willen.\n\nHet overkomt jong en oud.'],
  ['Luisteren', 'Goed luisteren is de helft van het gesprek.\n\n- Laat stiltes vallen\n- Vat samen wat je hoort\n- Vraag door'],
  ['Het gesprek afronden', 'Spreek af wat je gaat doen, en wanneer je elkaar weer spreekt.'],
];

/** Meetings on whole hours (9:00–12:00 UTC), `days` from today and a week later: tidy times in the screenshots. */
function meetingsFrom(days: number): Array<{ startsAt: string; endsAt: string }> {
  const at = (day: number, hour: number) => {
    const d = new Date();
    d.setUTCHours(hour, 0, 0, 0);
    d.setUTCDate(d.getUTCDate() + day);
    return d.toISOString();
  };
  return [days, days + 7].map((day) => ({ startsAt: at(day, 9), endsAt: at(day, 12) }));
}

async function addLesson(api: TestApi, author: Person, course: TestCourse, [title, body]: string[]): Promise<void> {
  const response = await api.http().post(`/api/courses/${course.id}/lessons`).set(author.auth).send({ title, body });
  if (response.status !== 201) throw new Error(`lesson not created: ${response.status} ${JSON.stringify(response.body)}`);
  course.lessonIds.push(response.body.id);
}

/** Sets a course's summary and duration (the API's create takes a fixed summary in the factory). */
async function setSummary(api: TestApi, author: Person, course: TestCourse, summary: string): Promise<void> {
  const response = await api.http().patch(`/api/courses/${course.id}`).set(author.auth).send({ summary });
  if (response.status !== 200) throw new Error(`course not described: ${response.status} ${JSON.stringify(response.body)}`);
}

export async function buildWorld(api: TestApi): Promise<World> {
  const trainer = await createTrainer(api.app);
  await api.app.get(DataSource).query(`UPDATE users SET name = 'Mirjam Trainer' WHERE id = $1`, [trainer.user.id]);

  const live = await createCourse(api, trainer, { slug: 'het-eerste-gesprek', title: 'Het eerste gesprek', chainRoles: ['first-conversation'], format: 'live', status: 'published' });
  await setSummary(api, trainer, live, 'Een middag oefenen met luisteren en doorvragen, met een trainer en andere vrijwilligers.');
  const liveSession = await scheduleSession(api, trainer, live, { capacity: 12, meetings: meetingsFrom(21) });

  const online = await createCourse(api, trainer, { slug: 'eenzaamheid-herkennen', title: 'Eenzaamheid herkennen', chainRoles: ['first-conversation'], format: 'online' });
  await setSummary(api, trainer, online, 'Online, in je eigen tempo: wat eenzaamheid is en hoe je het merkt.');
  for (const lesson of LESSONS) await addLesson(api, trainer, online, lesson);
  await putQuiz(api, trainer, online.id, { passMark: 75, questions: QUIZ_QUESTIONS });
  await publish(api, trainer, online.id);

  const blended = await createCourse(api, trainer, { slug: 'het-verdiepende-gesprek', title: 'Het verdiepende gesprek', chainRoles: ['deeper-conversation'], format: 'blended' });
  await setSummary(api, trainer, blended, 'Eerst online de basis, daarna een bijeenkomst om te oefenen.');
  for (const lesson of LESSONS.slice(0, 2)) await addLesson(api, trainer, blended, lesson);
  await putQuiz(api, trainer, blended.id, { passMark: 75, questions: QUIZ_QUESTIONS });
  await publish(api, trainer, blended.id);
  const blendedSession = await scheduleSession(api, trainer, blended, { capacity: 10, meetings: meetingsFrom(35) });

  return { trainer, live, liveSession, online, blended, blendedSession };
}
