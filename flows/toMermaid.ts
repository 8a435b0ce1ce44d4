import type { AnyStateMachine, AnyStateNode } from 'xstate';

// Draws the machine from its own definition, so the picture cannot drift from the code.

const id = (node: AnyStateNode) => (node.path.length ? node.path.join('_') : '[*]');

function label(eventType: string, guard: unknown): string {
  const event = eventType === '' ? 'always' : eventType.replace(/^xstate\.done\.actor\..*$/, 'done').replace(/^xstate\.error\.actor\..*$/, 'error');
  const g = guard as { type?: string; params?: Record<string, unknown> } | string | undefined;
  const guardName = typeof g === 'string' ? g : g?.type ? [g.type, ...Object.values(g.params ?? {})].join(' ') : '';
  return guardName ? `${event} [${guardName}]` : event;
}

function transitions(node: AnyStateNode): string[] {
  const lines = new Set<string>();
  const all = [...node.transitions.values()].flat().concat(node.always ?? []);
  for (const t of all) {
    const targets = t.target ?? [];
    for (const target of targets) {
      lines.add(`${id(node)} --> ${id(target)} : ${label(t.eventType, t.guard)}`);
    }
  }
  return [...lines];
}

function block(node: AnyStateNode, indent: string): string[] {
  const out: string[] = [];
  const children = Object.values(node.states) as AnyStateNode[];
  if (node.path.length) {
    out.push(`${indent}state "${node.key}" as ${id(node)}`);
  }
  if (children.length && node.path.length) {
    out.push(`${indent}state ${id(node)} {`);
    const initial = node.initial?.target?.[0];
    if (initial) out.push(`${indent}  [*] --> ${id(initial)}`);
    for (const child of children) out.push(...block(child, indent + '  '));
    out.push(`${indent}}`);
  } else if (children.length) {
    const initial = node.initial?.target?.[0];
    if (initial) out.push(`${indent}[*] --> ${id(initial)}`);
    for (const child of children) out.push(...block(child, indent));
  }
  return out;
}

function allNodes(node: AnyStateNode): AnyStateNode[] {
  return [node, ...(Object.values(node.states) as AnyStateNode[]).flatMap(allNodes)];
}

export function toMermaid(machine: AnyStateMachine): string {
  const root = machine.root as AnyStateNode;
  const edges = allNodes(root)
    .filter((n) => n.path.length)
    .flatMap(transitions);
  const rootEdges = transitions(root).map((line) => line.replace(/^\[\*\] -->/, 'note_any -->'));
  return [
    'stateDiagram-v2',
    ...block(root, '  '),
    '  state "any step" as note_any',
    ...rootEdges.map((l) => '  ' + l),
    ...edges.map((l) => '  ' + l),
  ].join('\n');
}
