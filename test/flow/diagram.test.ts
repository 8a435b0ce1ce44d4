import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readmeWithDiagram, readmePath } from '../../flows/diagram.ts';

describe('flows/README.md', () => {
  it('holds the diagram generated from the machine as it is now (npm run flow:diagram)', () => {
    const committed = readFileSync(readmePath, 'utf8');
    expect(committed).toContain('```mermaid\nstateDiagram-v2');
    expect(readmeWithDiagram(committed)).toBe(committed);
  });
});
