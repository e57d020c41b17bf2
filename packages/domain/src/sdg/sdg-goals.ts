export type SdgGoalNumber = 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9 | 10 | 11 | 12 | 13 | 14 | 15 | 16 | 17

export interface LocalizedText {
  readonly nl: string
  readonly en: string
}

export interface SdgGoal {
  readonly number: SdgGoalNumber
  readonly code: string
  readonly shortName: LocalizedText
  /** Official UN colour as `#RRGGBB`. */
  readonly color: string
}

// Short names: the Dutch ones used by SDG Nederland, the English ones by the UN.
// Colours: the official UN SDG colour codes.
export const sdgGoals: readonly SdgGoal[] = Object.freeze([
  { number: 1, code: '1', shortName: { nl: 'Geen armoede', en: 'No Poverty' }, color: '#E5243B' },
  { number: 2, code: '2', shortName: { nl: 'Geen honger', en: 'Zero Hunger' }, color: '#DDA63A' },
  {
    number: 3,
    code: '3',
    shortName: { nl: 'Goede gezondheid en welzijn', en: 'Good Health and Well-being' },
    color: '#4C9F38',
  },
  { number: 4, code: '4', shortName: { nl: 'Kwaliteitsonderwijs', en: 'Quality Education' }, color: '#C5192D' },
  { number: 5, code: '5', shortName: { nl: 'Gendergelijkheid', en: 'Gender Equality' }, color: '#FF3A21' },
  {
    number: 6,
    code: '6',
    shortName: { nl: 'Schoon water en sanitair', en: 'Clean Water and Sanitation' },
    color: '#26BDE2',
  },
  {
    number: 7,
    code: '7',
    shortName: { nl: 'Betaalbare en duurzame energie', en: 'Affordable and Clean Energy' },
    color: '#FCC30B',
  },
  {
    number: 8,
    code: '8',
    shortName: { nl: 'Waardig werk en economische groei', en: 'Decent Work and Economic Growth' },
    color: '#A21942',
  },
  {
    number: 9,
    code: '9',
    shortName: { nl: 'Industrie, innovatie en infrastructuur', en: 'Industry, Innovation and Infrastructure' },
    color: '#FD6925',
  },
  { number: 10, code: '10', shortName: { nl: 'Ongelijkheid verminderen', en: 'Reduced Inequalities' }, color: '#DD1367' },
  {
    number: 11,
    code: '11',
    shortName: { nl: 'Duurzame steden en gemeenschappen', en: 'Sustainable Cities and Communities' },
    color: '#FD9D24',
  },
  {
    number: 12,
    code: '12',
    shortName: { nl: 'Verantwoorde consumptie en productie', en: 'Responsible Consumption and Production' },
    color: '#BF8B2E',
  },
  { number: 13, code: '13', shortName: { nl: 'Klimaatactie', en: 'Climate Action' }, color: '#3F7E44' },
  { number: 14, code: '14', shortName: { nl: 'Leven in het water', en: 'Life Below Water' }, color: '#0A97D9' },
  { number: 15, code: '15', shortName: { nl: 'Leven op het land', en: 'Life on Land' }, color: '#56C02B' },
  {
    number: 16,
    code: '16',
    shortName: { nl: 'Vrede, justitie en sterke publieke diensten', en: 'Peace, Justice and Strong Institutions' },
    color: '#00689D',
  },
  {
    number: 17,
    code: '17',
    shortName: { nl: 'Partnerschap om doelstellingen te bereiken', en: 'Partnerships for the Goals' },
    color: '#19486A',
  },
] satisfies SdgGoal[])
