import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createAccessFlow } from './accessFlow.machine.ts';
import type { AccessPorts } from './ports.ts';
import { toMermaid } from './toMermaid.ts';

// `npm run flow:diagram` rewrites the diagram in flows/README.md from the machine itself.

const README = fileURLToPath(new URL('./README.md', import.meta.url));
const START = '<!-- diagram:start -->';
const END = '<!-- diagram:end -->';

/** Drawing reads only the machine's definition: no port is ever called. */
const noPorts = new Proxy({}, { get: () => () => { throw new Error('not used for drawing'); } }) as AccessPorts;

export function renderDiagram(): string {
  return `${START}\n\`\`\`mermaid\n${toMermaid(createAccessFlow(noPorts))}\n\`\`\`\n${END}`;
}

export function readmeWithDiagram(readme: string): string {
  const from = readme.indexOf(START);
  const to = readme.indexOf(END);
  if (from < 0 || to < 0) throw new Error(`${README} lacks the ${START} … ${END} markers`);
  return readme.slice(0, from) + renderDiagram() + readme.slice(to + END.length);
}

export const readmePath = README;

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  writeFileSync(README, readmeWithDiagram(readFileSync(README, 'utf8')));
  console.log(`diagram written to ${README}`);
}
