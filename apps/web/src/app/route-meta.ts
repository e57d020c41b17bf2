import 'vue-router'

declare module 'vue-router' {
  interface RouteMeta {
    /** Message key of the page title; views with a more specific title (an organisation's name) override it. */
    titleKey?: string
    requiresAuth?: boolean
    requiresPlatformAdmin?: boolean
    /** Pages that make no sense once logged in (log in, register) send the user on. */
    guestOnly?: boolean
  }
}

export {}
