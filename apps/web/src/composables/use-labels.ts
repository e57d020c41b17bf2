import { useI18n } from 'vue-i18n'

/** Labels for values the API sends as codes; an unknown code (a role added later) shows as itself. */
export function useLabels() {
  const { t, te, d } = useI18n()
  const label = (prefix: string, code: string) => (te(`${prefix}.${code}`) ? t(`${prefix}.${code}`) : code)
  return {
    role: (code: string) => label('roles', code),
    kind: (code: string) => label('kinds', code),
    outboxStatus: (code: string) => label('outbox.statuses', code),
    date: (iso: string) => d(new Date(iso), 'date'),
    dateTime: (iso: string) => d(new Date(iso), 'dateTime'),
  }
}
