import { defineProblem } from '../../lib/problem'

export const documentErrors = {
  notFound: defineProblem(404, 'documents.not_found', 'Document not found'),
  missingFile: defineProblem(400, 'documents.file_required', 'Send one file in the form field "file"'),
  unsupportedType: defineProblem(415, 'documents.unsupported_type', 'Unsupported file type'),
  invalidName: defineProblem(400, 'documents.invalid_name', 'Invalid file name'),
  tooLarge: defineProblem(413, 'documents.too_large', 'File too large'),
}
