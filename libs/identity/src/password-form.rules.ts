export const PASSWORD_MIN_LENGTH = 10;
export const PASSWORD_MAX_LENGTH = 200;

/** Keys of the password pages' catalogues (welcome, resetPassword). */
export type PasswordProblem = 'tooShort' | 'different';

/** What is wrong with a password typed twice on a page form, or null. */
export function passwordProblem(password: string, repeat: string): PasswordProblem | null {
  if (password.length < PASSWORD_MIN_LENGTH || password.length > PASSWORD_MAX_LENGTH) return 'tooShort';
  return password === repeat ? null : 'different';
}
