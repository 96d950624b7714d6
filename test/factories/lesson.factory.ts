import type { TestApi } from '../support/app';
import type { TestCourse } from './course.factory';
import type { Person } from './person.factory';

/** Adds `count` markdown lessons through the API as `author`; their ids are appended to `course.lessonIds`. */
export async function addLessons(api: TestApi, author: Person, course: TestCourse, count: number): Promise<string[]> {
  for (let i = 0; i < count; i += 1) {
    const response = await api.http().post(`/api/courses/${course.id}/lessons`).set(author.auth)
      .send({ title: `Les ${course.lessonIds.length + 1}`, body: `# Les ${course.lessonIds.length + 1}\n\nTekst.` });
    if (response.status !== 201) throw new Error(`lesson not created: ${response.status} ${JSON.stringify(response.body)}`);
    course.lessonIds.push(response.body.id);
  }
  return course.lessonIds;
}
