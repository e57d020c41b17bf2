/**
 * What pino replaces with "[Redacted]" wherever it would be logged: credentials in headers, and the
 * fields that carry personal data or secrets when an object is logged whole (an email address, a
 * password, a token). Request lines themselves carry only method, masked URL, route, status and request id.
 */
export const LOG_REDACT_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'res.headers["set-cookie"]',
  'headers.authorization',
  'headers.cookie',
  'email',
  'to',
  'password',
  'token',
  'accessToken',
  'refreshToken',
  '*.email',
  '*.to',
  '*.password',
  '*.token',
  '*.accessToken',
  '*.refreshToken',
]
