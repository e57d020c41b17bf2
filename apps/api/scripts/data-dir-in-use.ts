import { DataDirInUseError } from '../src/db/data-dir-lock'

/** For the database scripts: the server still runs on the embedded database; say so, without a stack trace. */
export function exitIfDataDirInUse(error: unknown): never {
  if (!(error instanceof DataDirInUseError)) throw error
  console.error(error.message)
  process.exit(1)
}
