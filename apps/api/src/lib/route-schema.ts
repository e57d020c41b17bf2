import { Problem } from '@opgave/contracts'

/**
 * Error responses a route can give, always RFC 9457 problem details.
 * 400 is always included: any operation can receive invalid input (NLGov ADR /core/error-handling/invalid-input).
 * The OpenAPI transform publishes them as application/problem+json.
 */
export function problemResponses(...statuses: number[]) {
  const out: Record<number, typeof Problem> = { 400: Problem }
  for (const status of statuses) out[status] = Problem
  return out
}

export const bearerAuth = [{ bearerAuth: [] }]
