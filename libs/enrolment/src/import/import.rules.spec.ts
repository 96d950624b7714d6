import { escapeFormula, rowProblem, toRowInput } from './import.rules';

describe('import rules', () => {
  it('escapes cells a spreadsheet would run as a formula', () => {
    expect(escapeFormula('=HYPERLINK("x")')).toBe(`'=HYPERLINK("x")`);
    for (const cell of ['+31', '-1', '@SUM(A1)', '\tx', '\rx']) expect(escapeFormula(cell)).toBe(`'${cell}`);
    expect(escapeFormula('Ria Bakker')).toBe('Ria Bakker');
    expect(escapeFormula('')).toBe('');
  });

  it('names what is wrong with a row', () => {
    const ok = toRowInput(1, { email: ' Ria@Voorbeeld.nl ', name: 'Ria', chainRoles: 'first-conversation; coordinator' });
    expect(ok).toMatchObject({ email: 'ria@voorbeeld.nl', chainRoles: ['first-conversation', 'coordinator'] });
    expect(rowProblem(ok)).toBeNull();
    expect(toRowInput(2, { email: 'a@b.nl', name: 'X', chainRoles: 'coordinator;coordinator; coordinator' }).chainRoles).toEqual(['coordinator']);
    expect(rowProblem(toRowInput(1, { email: 'geen-adres', name: 'X' }))).toBe('bad e-mail');
    expect(rowProblem(toRowInput(1, { email: 'a@b.nl', name: '' }))).toBe('name missing');
    expect(rowProblem(toRowInput(1, { email: 'a@b.nl', name: 'X', chainRoles: 'boss' }))).toBe('unknown chain role boss');
    expect(rowProblem(toRowInput(1, { email: 'a@b.nl', name: 'X', courseId: '12' }))).toBe('courseId is not a UUID');
  });
});
