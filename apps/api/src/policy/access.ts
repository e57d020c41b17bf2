/**
 * A policy's answer for one object: allowed; forbidden (the caller may know it exists: 403); or unknown
 * (the caller may not even learn it exists: 404).
 */
export type Access = 'allowed' | 'forbidden' | 'unknown'
