import { passwordProblem } from './password-form.rules';

describe('password form', () => {
  it('asks for 10 to 200 characters, typed twice alike', () => {
    expect(passwordProblem('kort', 'kort')).toBe('tooShort');
    expect(passwordProblem('x'.repeat(201), 'x'.repeat(201))).toBe('tooShort');
    expect(passwordProblem('een lang wachtwoord', 'een ander wachtwoord')).toBe('different');
    expect(passwordProblem('een lang wachtwoord', 'een lang wachtwoord')).toBeNull();
  });
});
