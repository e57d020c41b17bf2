// pnpm bench:data [--quick] [--proposals N] [--jurors M] [--panel P] [--criteria C] [--challenges K] [--seed S] [--force]
import { dataOptions, generateData, sameSizes } from './generate-data'
import { chooseDriver, openDatabase, parseArgs, readMeta } from './lib'

async function main() {
  const args = parseArgs(process.argv.slice(2))
  const quick = args.quick === true
  const options = dataOptions(args, quick)
  const choice = chooseDriver(quick ? 'quick' : 'full')
  console.log(`bench:data → ${choice.kind === 'pg' ? 'PostgreSQL (DATABASE_URL)' : `PGlite in ${choice.dataDir}`}: ${JSON.stringify(options)}`)
  const handle = await openDatabase(choice)
  try {
    if (args.force !== true && sameSizes(await readMeta(handle), options)) console.log('data of these sizes is already there (--force regenerates)')
    else await generateData(handle, options)
  } finally {
    await handle.close()
  }
}

await main()
