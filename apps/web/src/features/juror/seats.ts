import { defineStore } from 'pinia'
import { shallowRef } from 'vue'
import { listMySeats, type JurySeat } from './api'

/**
 * The juries the signed-in user sits on: the navigation shows "Jury" only to them. Loaded once per
 * session and again after accepting a seat; cleared when the user changes.
 */
export const useJurySeats = defineStore('jury-seats', () => {
  const seats = shallowRef<JurySeat[]>([])
  const loadedFor = shallowRef<string | null>(null)

  async function load(userId: string | null, force = false) {
    if (userId === null) {
      seats.value = []
      loadedFor.value = null
      return
    }
    if (!force && loadedFor.value === userId) return
    loadedFor.value = userId
    try {
      const { data } = await listMySeats()
      if (loadedFor.value === userId) seats.value = data?.items ?? []
    } catch {
      // No seats shown; the page itself reports errors when the user opens it.
    }
  }

  return { seats, load }
})
