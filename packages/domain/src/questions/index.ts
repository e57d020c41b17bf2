export * from './question-rules'
export * from './nota-csv'
