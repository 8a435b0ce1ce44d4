// Shared set-up for the store tests: a fresh store file in its own temporary directory.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';
import type { AccessChange } from '../../flows/ports.ts';
import { AccessRepository } from '../../src/repository/accessRepository.ts';
import { openStore } from '../support/openStore.ts';

const dirs: string[] = [];
afterAll(async () => {
  await Promise.all(dirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

export async function tempFile(name = 'store.json'): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'access-store-'));
  dirs.push(dir);
  return join(dir, name);
}

export const NOW = new Date('2025-11-03T10:00:00.000Z');

export async function openRepository(file?: string) {
  const path = file ?? (await tempFile());
  const db = await openStore(path);
  return { file: path, db, repo: new AccessRepository(db, () => NOW) };
}

/** An AutoEntry grant for Camille Leroy on Boulangerie Dupont, asked by the Administrator; override what a test is about. */
export function change(overrides: Partial<AccessChange> = {}): AccessChange {
  return {
    practiceId: 'demo',
    actorId: 'demo-admin',
    companyId: 'co-boulangerie-dupont',
    person: { kind: 'colleague', colleagueId: 'demo-basic' },
    product: 'autoentry',
    mode: 'add',
    roleId: 'autoentry.documents-basic',
    language: 'fr-CA',
    baseVersion: null,
    addClientManagementBasic: false,
    ...overrides,
  };
}
