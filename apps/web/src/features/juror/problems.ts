import { isProblem } from '../../api/problem'
import { messageFromProblem, type UiMessage } from '../../composables/messages'

/**
 * Our own wording (juror.errors.<code>) for the jury API's error codes; for other codes the shared
 * messages, and the server's text when there is no translation.
 */
export function jurorProblemMessage(body: unknown): UiMessage {
  if (isProblem(body) && typeof body.code === 'string' && body.code.startsWith('jury.')) {
    return { key: `juror.errors.${body.code.slice('jury.'.length)}`, fallback: body.detail ?? body.title }
  }
  return messageFromProblem(body)
}
