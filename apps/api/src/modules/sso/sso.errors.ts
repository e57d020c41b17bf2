import { defineProblem } from '../../lib/problem'

/** Login errors reach the browser as `/inloggen?ssoError=<code>`; the web app explains each code. */
export const ssoErrors = {
  notConfigured: defineProblem(404, 'sso.not_found', 'Single sign-on is not available for this organisation'),
  stateInvalid: defineProblem(400, 'sso.state_invalid', 'The login attempt is unknown or has expired'),
  accessDenied: defineProblem(403, 'sso.access_denied', 'The identity provider did not allow the login'),
  tokenInvalid: defineProblem(401, 'sso.token_invalid', 'The identity provider’s answer could not be verified'),
  emailNotAllowed: defineProblem(403, 'sso.email_not_allowed', 'This account’s email address is not allowed'),
  noRole: defineProblem(403, 'sso.no_role', 'This account has no role in the municipality'),
  accountDisabled: defineProblem(403, 'sso.account_disabled', 'This account is disabled'),
  providerUnavailable: defineProblem(502, 'sso.provider_unavailable', 'The identity provider cannot be reached'),
  municipalityOnly: defineProblem(404, 'sso.municipality_only', 'Single sign-on is for municipalities only'),
}
