import { BackupRefusedError } from '../src/db/backup'
import { DataDirInUseError } from '../src/db/data-dir-lock'

/**
 * For the database scripts: a refusal the operator can fix (the server still runs on the embedded database,
 * a file or folder is missing or not empty) is said in one line, without a stack trace; anything else is thrown.
 */
export function exitIfRefused(error: unknown): never {
  if (!(error instanceof DataDirInUseError || error instanceof BackupRefusedError)) throw error
  console.error(error.message)
  process.exit(1)
}
