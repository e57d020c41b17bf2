/** The document kinds a proposal may carry. Decided by content only: names and client media types lie. */
export const allowedDocumentTypes = {
  pdf: { mediaType: 'application/pdf', extension: 'pdf' },
  docx: { mediaType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', extension: 'docx' },
  xlsx: { mediaType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', extension: 'xlsx' },
  png: { mediaType: 'image/png', extension: 'png' },
  jpeg: { mediaType: 'image/jpeg', extension: 'jpg' },
} as const
export type DocumentType = keyof typeof allowedDocumentTypes

const startsWith = (bytes: Uint8Array, signature: readonly number[], offset = 0) =>
  bytes.length >= offset + signature.length && signature.every((b, i) => bytes[offset + i] === b)

const PDF = [0x25, 0x50, 0x44, 0x46, 0x2d] // %PDF-
const PNG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]
const JPEG = [0xff, 0xd8, 0xff]
const ZIP_LOCAL = [0x50, 0x4b, 0x03, 0x04]
const ZIP_EOCD = 0x06054b50
const ZIP_CENTRAL = 0x02014b50

/**
 * Detects PDF, DOCX, XLSX, PNG and JPEG from the bytes themselves; anything else (HTML, SVG,
 * scripts, other archives) is `null`. PDF must start with `%PDF-` at byte 0 — readers tolerate
 * leading junk, which is exactly how HTML/PDF polyglots slip through, so we do not.
 */
export function detectDocumentType(bytes: Uint8Array): DocumentType | null {
  if (containsMarkup(bytes)) return null
  if (startsWith(bytes, PDF)) return 'pdf'
  if (startsWith(bytes, PNG)) return 'png'
  if (startsWith(bytes, JPEG)) return 'jpeg'
  if (startsWith(bytes, ZIP_LOCAL)) return detectOfficeZip(bytes)
  return null
}

// What browsers sniff for in the first kilobyte; no genuine document of ours starts with it.
const MARKUP = /<(?:!doctype\s+html|html|head|body|script|svg|iframe|object|embed|img\s|a\s+href|meta)/i

/** Polyglots: a valid signature followed by HTML/SVG/script markup (a PDF header then `<html>…`, a JPEG comment with `<svg onload>`). */
function containsMarkup(bytes: Uint8Array): boolean {
  return MARKUP.test(new TextDecoder('latin1').decode(bytes.subarray(0, 1024)))
}

/**
 * An OOXML package is a zip whose central directory lists `[Content_Types].xml` and the main part:
 * `word/document.xml` (DOCX) or `xl/workbook.xml` (XLSX). Reading names from the central directory
 * needs no decompression and ignores what a local header claims.
 */
function detectOfficeZip(bytes: Uint8Array): DocumentType | null {
  const names = zipEntryNames(bytes)
  if (!names || !names.has('[Content_Types].xml')) return null
  const word = names.has('word/document.xml')
  const excel = names.has('xl/workbook.xml')
  if (word && !excel) return 'docx'
  if (excel && !word) return 'xlsx'
  return null
}

/** Entry names from the zip's central directory, or null when the archive is malformed. */
export function zipEntryNames(bytes: Uint8Array): Set<string> | null {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  // The end-of-central-directory record is in the last 22 + 65535 (comment) bytes.
  const minStart = Math.max(0, bytes.length - 22 - 0xffff)
  let eocd = -1
  for (let i = bytes.length - 22; i >= minStart; i--) {
    if (view.getUint32(i, true) === ZIP_EOCD) {
      eocd = i
      break
    }
  }
  if (eocd < 0) return null
  const entries = view.getUint16(eocd + 10, true)
  let offset = view.getUint32(eocd + 16, true)
  const names = new Set<string>()
  const decoder = new TextDecoder('utf-8', { fatal: false })
  for (let n = 0; n < entries; n++) {
    if (offset + 46 > bytes.length || view.getUint32(offset, true) !== ZIP_CENTRAL) return null
    const nameLength = view.getUint16(offset + 28, true)
    const extraLength = view.getUint16(offset + 30, true)
    const commentLength = view.getUint16(offset + 32, true)
    if (offset + 46 + nameLength > bytes.length) return null
    names.add(decoder.decode(bytes.subarray(offset + 46, offset + 46 + nameLength)))
    offset += 46 + nameLength + extraLength + commentLength
  }
  return names
}

export type DocumentNameProblem = 'empty' | 'path' | 'control' | 'too_long'

/**
 * Checks a client's file name. Names with path parts (`/`, `\`, `..`) or control characters are
 * refused outright rather than silently cleaned: such a name is an attack or a broken client.
 * The name is only ever used in Content-Disposition; files are stored under generated keys.
 */
export function checkDocumentName(name: string): DocumentNameProblem | null {
  const trimmed = name.trim()
  if (trimmed.length === 0) return 'empty'
  if (trimmed.length > 200) return 'too_long'
  // Control characters, and bidi overrides that make `factuur\u202Efdp.exe` display as `factuurexe.pdf`.
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/.test(trimmed)) return 'control'
  if (/[/\\]/.test(trimmed) || trimmed === '.' || trimmed.includes('..')) return 'path'
  return null
}

/** The stored display name: trimmed, with the extension of the detected type so a download opens in the right program. */
export function displayDocumentName(name: string, type: DocumentType): string {
  const trimmed = name.trim().replace(/["<>|:*?]/g, '_')
  const wanted = allowedDocumentTypes[type].extension
  const accepted = type === 'jpeg' ? ['jpg', 'jpeg'] : [wanted]
  const ext = trimmed.includes('.') ? trimmed.slice(trimmed.lastIndexOf('.') + 1).toLowerCase() : ''
  return accepted.includes(ext) ? trimmed : `${trimmed}.${wanted}`
}
