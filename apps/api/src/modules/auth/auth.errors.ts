import { defineProblem } from '../../lib/problem'

export const authErrors = {
  invalidCredentials: defineProblem(401, 'auth.invalid_credentials', 'Invalid email address or password'),
  refreshInvalid: defineProblem(401, 'auth.refresh_invalid', 'Session expired'),
  tooManyAttempts: defineProblem(429, 'auth.too_many_attempts', 'Too many login attempts'),
}
