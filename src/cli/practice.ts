// The operator's command, `npm run practice -- <create|show|import> …`: a composition root of its own
// (settings → store lock → store → repository → command), on the store the server uses.
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { loadConfig } from '../config.ts';
import { AccessRepository } from '../repository/accessRepository.ts';
import { holdStore, StoreInUse } from '../storage/storeLock.ts';
import { openPracticesForSetup } from '../storage/openStorage.ts';
import { create, importFile, Refused, show, type CommandContext } from './practiceCommands.ts';

const USAGE = `Usage (DATA_FILE or DATABASE_URL as for npm start; with DATA_FILE the server must be stopped):
  npm run practice -- create --name "Cabinet Dubois" --tenant <Entra tenant id> --owner-email <e-mail>
                             [--owner-name "Marie Dubois"] [--owner-language fr-FR]
  npm run practice -- show --tenant <Entra tenant id> [--json]
  npm run practice -- import --tenant <Entra tenant id> companies|colleagues <file.csv> [--yes]`;

class UsageError extends Error {}

const OPTIONS = {
  name: { type: 'string' }, tenant: { type: 'string' }, 'owner-email': { type: 'string' }, 'owner-name': { type: 'string' },
  'owner-language': { type: 'string' }, json: { type: 'boolean' }, yes: { type: 'boolean' }, help: { type: 'boolean' },
} as const;

function parse(argv: string[]) {
  try {
    return parseArgs({ args: argv, options: OPTIONS, allowPositionals: true });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

/** One line of the operator's input; undefined at the end of input (a script that gave none). */
function ask(question: string): Promise<string | undefined> {
  process.stdout.write(question);
  const lines = createInterface({ input: process.stdin, terminal: false });
  return new Promise((resolve) => {
    let answer: string | undefined;
    lines.once('line', (line) => {
      answer = line;
      lines.close();
    });
    lines.once('close', () => {
      // No answer: the question's line is ended, so what follows starts on a line of its own.
      if (answer === undefined) process.stdout.write('\n');
      resolve(answer);
    });
  });
}

async function main(argv: string[]): Promise<void> {
  const { values, positionals } = parse(argv);
  const [command, ...rest] = positionals;
  if (values.help) return console.log(USAGE);
  if (command === undefined) throw new UsageError('');
  const tenant = values.tenant;
  const needsTenant = () => {
    if (!tenant) throw new UsageError(`${command} needs --tenant <Entra tenant id>`);
    return tenant;
  };
  if (!['create', 'show', 'import'].includes(command)) throw new UsageError(`unknown command "${command}"`);
  if (command !== 'import' && rest.length > 0) throw new UsageError(`unexpected "${rest.join(' ')}"`);
  const [kind, file, ...extra] = rest;
  if (command === 'import' && (!['companies', 'colleagues'].includes(kind) || !file || extra.length > 0)) {
    throw new UsageError('import needs what to import, companies or colleagues, then the CSV file');
  }
  if (command === 'show') needsTenant();

  const config = loadConfig(process.env);
  // The server's own lock: while the command runs, neither it nor another command can write the store file.
  // A database takes the command's changes beside the servers' (each commit checks the practice's version).
  if (!config.database) holdStore(config.dataFile, 'practice command');
  const { practices, exists, where, close } = await openPracticesForSetup(config);
  try {
    const context: CommandContext = { repository: new AccessRepository(practices), dataFile: where, exists, print: (line) => console.log(line), ask };
    if (command === 'create') {
      await create(context, { name: values.name, tenant, ownerEmail: values['owner-email'], ownerName: values['owner-name'], ownerLanguage: values['owner-language'] });
    } else if (command === 'show') show(context, needsTenant(), values.json === true);
    else await importFile(context, needsTenant(), kind as 'companies' | 'colleagues', file, values.yes === true);
  } finally {
    await close();
  }
}

try {
  await main(process.argv.slice(2));
} catch (error) {
  if (error instanceof UsageError) {
    if (error.message) console.error(`practice: ${error.message}`);
    console.error(USAGE);
    process.exitCode = 2;
  } else {
    // A refusal or a store that cannot be read or written: the message says which file and why.
    const known = error instanceof Refused || error instanceof StoreInUse;
    console.error(known ? (error as Error).message : `practice: ${(error as Error).message}`);
    process.exitCode = 1;
  }
}
