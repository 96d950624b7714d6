import { DomainException } from '@schakel/common';
import { RejectUnstorableTextPipe, textProblem, unstorableTextFields } from './unstorable-text.pipe';

describe('unstorable text', () => {
  it('finds NUL bytes and unpaired surrogates, and lets paired ones and every script through', () => {
    expect(textProblem('a\u0000b')).toBe('must not contain NUL characters');
    expect(textProblem('\uD800')).toMatch(/unpaired surrogates/);
    expect(textProblem('x\uDC00y')).toMatch(/unpaired surrogates/);
    expect(textProblem('\uDBFF\uDFFF \uD800x')).toMatch(/unpaired surrogates/);
    for (const fine of ['', '🤝', 'Łukasz Şahin Doğan', 'ij é ë', '\uD83D\uDE00', '中文']) expect(textProblem(fine)).toBeUndefined();
  });

  it('names each field by its path, keys included', () => {
    expect(unstorableTextFields({ email: '\uD800', records: [{ name: 'ok' }, { name: 'a\u0000' }], ['k\uDC00']: 1 }, '')).toEqual([
      { field: 'email', problem: 'must be well-formed Unicode (no unpaired surrogates)' },
      { field: 'records[1].name', problem: 'must not contain NUL characters' },
      { field: '"k\\udc00"', problem: 'must be well-formed Unicode (no unpaired surrogates)' },
    ]);
  });

  it('refuses a query value with a 400 naming the parameter', () => {
    const pipe = new RejectUnstorableTextPipe();
    expect(() => pipe.transform('\uD800', { type: 'query', data: 'chainRole' })).toThrow(DomainException);
    expect(pipe.transform('gewoon', { type: 'query', data: 'chainRole' })).toBe('gewoon');
  });
});
