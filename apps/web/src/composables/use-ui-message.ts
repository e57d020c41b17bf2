import { useI18n } from 'vue-i18n'
import { renderMessage, type UiMessage } from './messages'

export function useUiMessage() {
  const { t, te } = useI18n()
  return (message: UiMessage) => renderMessage({ t: (key, params) => (params ? t(key, params) : t(key)), te }, message)
}
