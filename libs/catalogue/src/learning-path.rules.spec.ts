import { orderByPrerequisites, type PathNode } from './learning-path.rules';

const node = (id: string, title: string, prerequisiteIds: string[] = []): PathNode => ({ id, title, prerequisiteIds });
const titles = (nodes: PathNode[]) => nodes.map((n) => n.title);

describe('orderByPrerequisites', () => {
  it('puts every course after its prerequisites, even when its title comes first', () => {
    const order = orderByPrerequisites([node('c', 'Aardig vragen', ['b']), node('b', 'Basis', ['a']), node('a', 'Zie mij')]);
    expect(titles(order)).toEqual(['Zie mij', 'Basis', 'Aardig vragen']);
  });

  it('breaks ties by title, then id, whatever the input order', () => {
    const nodes = [node('2', 'Beta'), node('1', 'Alfa'), node('4', 'Gamma', ['1']), node('3', 'Alfa')];
    const expected = ['1', '3', '2', '4'];
    expect(orderByPrerequisites(nodes).map((n) => n.id)).toEqual(expected);
    expect(orderByPrerequisites([...nodes].reverse()).map((n) => n.id)).toEqual(expected);
  });

  it('releases a course with several prerequisites only after the last of them', () => {
    const order = orderByPrerequisites([node('x', 'A-eind', ['p', 'q']), node('p', 'B'), node('q', 'C'), node('r', 'D')]);
    expect(titles(order)).toEqual(['B', 'C', 'A-eind', 'D']);
  });

  it('ignores prerequisites outside the list and repeated ids', () => {
    expect(titles(orderByPrerequisites([node('a', 'Een', ['elders', 'b', 'b']), node('b', 'Twee')]))).toEqual(['Twee', 'Een']);
  });

  it('keeps every course when the data holds a cycle', () => {
    const order = orderByPrerequisites([node('a', 'A', ['b']), node('b', 'B', ['a']), node('c', 'C')]);
    expect(titles(order)).toEqual(['C', 'A', 'B']);
  });

  it('respects prerequisites in random graphs', () => {
    for (let run = 0; run < 50; run += 1) {
      const nodes = Array.from({ length: 12 }, (_, i) => node(`n${i}`, `T${(i * 7) % 12}`));
      // edges only from higher to lower index: a DAG
      nodes.forEach((n, i) => { for (let j = 0; j < i; j += 1) if (Math.random() < 0.2) n.prerequisiteIds.push(`n${j}`); });
      const order = orderByPrerequisites([...nodes].sort(() => Math.random() - 0.5));
      const place = new Map(order.map((n, i) => [n.id, i]));
      expect(order).toHaveLength(12);
      for (const n of nodes) for (const p of n.prerequisiteIds) expect(place.get(p)!).toBeLessThan(place.get(n.id)!);
    }
  });
});
