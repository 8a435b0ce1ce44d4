// What Teams shows: each step's title once (the card's heading; the summary is for notifications),
// and the Agents Playground's configuration for the demo practice, whose people the assistant knows.
import { readFileSync } from 'node:fs';
import type { Activity } from 'botbuilder';
import { describe, expect, it } from 'vitest';
import { cardsIn, createHarness, nodesOf } from '../support/conversationHarness.ts';
import { PEOPLE, createTeamsDriver, executeButton, textOf } from '../support/teamsDriver.ts';

type Json = Record<string, any>;
const heading = (reply: Partial<Activity>): string => nodesOf(cardsIn(reply)[0]!, 'TextBlock')[0]!.text;

describe('a step in Teams', () => {
  it('shows its title once, as the card’s heading, and gives it as the summary notifications show', async () => {
    const teams = await createTeamsDriver();
    const chat = 'a:personal-julien';
    const steps = [await teams.say(PEOPLE.admin, chat, 'add a user'), await teams.say(PEOPLE.admin, chat, 'dupon')];
    steps.push(await teams.execute(PEOPLE.admin, chat, executeButton(steps[1]!, 'Dupont Frères')));
    const messages = steps.flat().filter((r) => r.type === 'message' && cardsIn(r).length > 0);
    expect(messages.map(heading)).toEqual(['Which client company?', 'Which company do you mean?', 'Who should have access to Dupont Frères?']);
    for (const message of messages) {
      expect(message.text).toBeUndefined();
      expect(message.summary).toBe(heading(message));
    }
  });

  it.each(['webchat', 'emulator'])('keeps the title as text beside the card on %s', async (channelId) => {
    const harness = await createHarness({ channelId });
    const [reply] = await harness.say('add a user');
    expect(reply!.text).toBe(heading(reply!));
    expect(reply!.summary).toBeUndefined();
  });
});

/** The subset of YAML the Playground's file uses: two-space nesting, lists of mappings, scalars, comments. */
function parseYaml(lines: string[], indent = 0): unknown {
  if (lines[0]!.slice(indent).startsWith('- ')) {
    const items: string[][] = [];
    for (const line of lines) {
      if (line.slice(indent).startsWith('- ')) items.push([' '.repeat(indent + 2) + line.slice(indent + 2)]);
      else items.at(-1)!.push(line);
    }
    return items.map((item) => parseYaml(item, indent + 2));
  }
  const out: Json = {};
  for (let i = 0; i < lines.length; ) {
    const [, key, value] = /^\s*([^:]+):\s*(.*)$/.exec(lines[i]!)!;
    let end = i + 1;
    while (end < lines.length && lines[end]!.search(/\S/) > indent) end++;
    out[key!] = value ? value.replace(/^"(.*)"$/, '$1') : parseYaml(lines.slice(i + 1, end), lines[i + 1]!.search(/\S/));
    i = end;
  }
  return out;
}

const CONFIG = parseYaml(
  readFileSync(new URL('../../.m365agentsplayground.yml', import.meta.url), 'utf8').split('\n').filter((l) => !/^\s*(#|$)/.test(l)),
) as Json;
const DEMO = JSON.parse(readFileSync(new URL('../../data/demo.json', import.meta.url), 'utf8')).practices.find((p: Json) => p.id === 'demo');

describe('the Agents Playground’s configuration', () => {
  it('is in the shape the Playground’s schema (config 0.1.1) accepts', () => {
    expect(CONFIG.version).toBe('0.1.1');
    expect(Object.keys(CONFIG)).toEqual(['version', 'tenantId', 'bot', 'currentUser', 'users', 'personalChat', 'groupChat', 'team']);
    expect(CONFIG.users).toHaveLength(5);
    for (const user of [CONFIG.currentUser, ...CONFIG.users]) {
      expect(Object.keys(user).sort()).toEqual(['aadObjectId', 'email', 'givenName', 'id', 'name', 'surname', 'userPrincipleName']);
    }
    expect(CONFIG.team.channels.length).toBeLessThanOrEqual(1);
  });

  it('is the demo practice’s tenant, and its people are the demo colleagues, by Entra id or colleague id', () => {
    expect(CONFIG.tenantId).toBe(DEMO.tenantId);
    for (const user of [CONFIG.currentUser, ...CONFIG.users]) {
      const colleague = DEMO.colleagues.find((c: Json) => c.aadObjectId === user.aadObjectId || c.id === user.id);
      expect(colleague, user.name).toMatchObject({ name: user.name, email: user.email });
    }
  });

  // In local mode a sender the practice does not know acts as the Business Owner, so only what they may do tells them apart.
  it.each([
    ['Claire Martin', 'Which client company?'],
    ['Julien Moreau', 'Which client company?'],
    ['Sophie Bernard', 'Only administrators can change access'],
    ['Thomas Petit', 'Only administrators can change access'],
  ])('makes %s who the assistant knows, in local mode as the Playground runs it', async (name, says) => {
    const user = [CONFIG.currentUser, ...CONFIG.users].find((u: Json) => u.name === name);
    const teams = await createTeamsDriver({ localMode: true });
    const replies = await teams.say({ id: user.id, name, aadObjectId: user.aadObjectId, tenant: CONFIG.tenantId }, CONFIG.personalChat.id, 'add a user');
    expect(textOf(replies)).toContain(says);
  });
});
