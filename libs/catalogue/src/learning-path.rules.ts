export interface PathNode {
  id: string;
  title: string;
  prerequisiteIds: string[];
}

const byTitle = (a: PathNode, b: PathNode): number =>
  a.title.localeCompare(b.title, 'nl') || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/**
 * Orders courses so that every course comes after its prerequisites (those in the list;
 * others are ignored). Among courses that are ready at the same time the title decides,
 * then the id, so the order is stable. A cycle (the catalogue refuses them, but old data
 * might hold one) does not lose courses: what is left is appended by title.
 */
export function orderByPrerequisites<T extends PathNode>(nodes: readonly T[]): T[] {
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const waitingFor = new Map<string, number>();
  const dependants = new Map<string, T[]>();
  for (const node of nodes) {
    const inList = [...new Set(node.prerequisiteIds)].filter((id) => byId.has(id) && id !== node.id);
    waitingFor.set(node.id, inList.length);
    for (const id of inList) dependants.set(id, [...(dependants.get(id) ?? []), node]);
  }
  const ready = nodes.filter((n) => waitingFor.get(n.id) === 0);
  const ordered: T[] = [];
  while (ready.length > 0) {
    ready.sort(byTitle);
    const next = ready.shift() as T;
    ordered.push(next);
    for (const dependant of dependants.get(next.id) ?? []) {
      const left = (waitingFor.get(dependant.id) ?? 0) - 1;
      waitingFor.set(dependant.id, left);
      if (left === 0) ready.push(dependant);
    }
  }
  if (ordered.length < nodes.length) {
    const placed = new Set(ordered.map((n) => n.id));
    ordered.push(...nodes.filter((n) => !placed.has(n.id)).sort(byTitle));
  }
  return ordered;
}
