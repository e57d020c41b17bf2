/**
 * Password rules (NIST SP 800-63B style): a minimum length and a refusal of the passwords
 * attackers try first. No composition rules: they make passwords weaker in practice.
 */
export const PASSWORD_MIN_LENGTH = 10
export const PASSWORD_MAX_LENGTH = 200

// The most common passwords of at least 10 characters in public breach corpora, plus Dutch favourites.
// Shorter common passwords are already refused by the minimum length.
const COMMON_PASSWORDS = new Set(
  `1234567890 0123456789 0987654321 9876543210 1111111111 0000000000 1234512345 1122334455 1212121212 1231231231
  1234554321 1029384756 1357924680 2222222222 5555555555 7777777777 9999999999 3333333333 8888888888 6666666666
  4444444444 12345678910 123456789a a123456789 1q2w3e4r5t 1q2w3e4r5t6y q1w2e3r4t5 q1w2e3r4t5y6 qwertyuiop
  asdfghjkl; asdfghjkl1 zxcvbnm123 qwerty1234 qwerty12345 qwerty123456 1qaz2wsx3edc qazwsxedc123 qazwsxedcrfv
  password12 password123 password1234 password12345 password123! passw0rd123 p@ssw0rd123 p@ssword123 password01
  passwordpassword mypassword mypassword1 newpassword changeme123 letmein123 letmeinnow welcome123 welcome1234
  welkom1234 welkom12345 wachtwoord wachtwoord1 wachtwoord12 wachtwoord123 wachtwoord! geheim1234 geheim12345
  iloveyou12 iloveyou123 ilovemyself ihateyou123 sunshine123 princess123 football123 baseball123 basketball
  basketball1 superman123 batman12345 starwars123 pokemon1234 dragonball monkey12345 shadow1234 master12345
  michael123 jennifer123 jordan2323 charlie123 computer123 internet123 samsung123 microsoft1 liverpool1
  chelsea123 arsenal123 manchester1 barcelona1 realmadrid ajax123456 feyenoord1 amsterdam1 rotterdam1
  nederland1 nederland123 holland123 abcdefghij abcdefg123 abcd123456 abc1234567 abcdef1234 aaaaaaaaaa
  aaaaaa1234 qwertyqwerty asdfasdfasdf 1234qwerty 1234567890q administrator admin12345 admin123456
  adminadmin root123456 trustno1234 whatever123 anything123 something1 nothing123 secret1234 letmein1234
  opgave1234 opgave12345 gemeente123 gemeente1234 voorbeeldstad 0000000001 1234567891 1234567899
  11111111111 123123123123 123456123456 147258369a 1472583690 159753159753 741852963a 7418529630 9638527410`
    .split(/\s+/)
    .filter(Boolean),
)

export type PasswordProblem = 'too_short' | 'too_long' | 'too_common' | 'contains_email' | 'repetitive'

export function checkPassword(password: string, context: { email?: string; name?: string } = {}): PasswordProblem | null {
  if ([...password].length < PASSWORD_MIN_LENGTH) return 'too_short'
  if (password.length > PASSWORD_MAX_LENGTH) return 'too_long'
  const lower = password.toLowerCase()
  if (COMMON_PASSWORDS.has(lower)) return 'too_common'
  if (new Set(lower).size <= 2) return 'repetitive'
  const local = context.email?.toLowerCase().split('@')[0]
  if (local && local.length >= 4 && lower.includes(local)) return 'contains_email'
  return null
}
