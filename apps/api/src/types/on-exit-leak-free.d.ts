// on-exit-leak-free (pino's own exit hook) ships no types: the two functions used here.
declare module 'on-exit-leak-free' {
  type ExitEvent = 'exit' | 'beforeExit'
  export function register<T extends object>(object: T, callback: (object: T, event: ExitEvent) => void): void
  export function unregister(object: object): void
  const onExit: { register: typeof register; unregister: typeof unregister }
  export default onExit
}
