// How Teams draws a card, for tests: its light theme's colours, WCAG contrast, and what a card shows as
// text and as button titles.

type Json = Record<string, any>;

/**
 * The "Microsoft Teams - Light" host config of the Adaptive Cards designer (microsoft/AdaptiveCards,
 * source/nodejs/adaptivecards-designer, teams-container: LightTeamsContainer.getHostConfig), copied as
 * written there: #RRGGBB, or #AARRGGBB with the alpha first. Its emphasis container has the same text colours.
 */
export const TEAMS_LIGHT = {
  backgrounds: { default: '#ffffff', emphasis: '#fff9f8f7' },
  foregrounds: {
    default: { default: '#ff252424', subtle: '#bf252424' },
    dark: { default: '#252424', subtle: '#bf252424' },
    light: { default: '#ffffff', subtle: '#fff3f2f1' },
    accent: { default: '#6264a7', subtle: '#8b8cc7' },
    good: { default: '#92c353', subtle: '#e592c353' },
    warning: { default: '#f8d22a', subtle: '#e5f8d22a' },
    attention: { default: '#c4314b', subtle: '#e5c4314b' },
  },
} as const;

/** WCAG 2 minimum for text (1.4.3, level AA). */
export const TEXT_CONTRAST = 4.5;

type Rgb = [number, number, number];

function parse(hex: string): { rgb: Rgb; alpha: number } {
  const digits = hex.replace('#', '');
  const argb = digits.length === 8 ? digits : `ff${digits}`;
  const byte = (i: number) => parseInt(argb.slice(i, i + 2), 16);
  return { alpha: byte(0) / 255, rgb: [byte(2), byte(4), byte(6)] };
}

/** A colour as drawn over an opaque background. */
function over(hex: string, background: string): Rgb {
  const { rgb, alpha } = parse(hex);
  const under = parse(background).rgb;
  return rgb.map((c, i) => c * alpha + under[i]! * (1 - alpha)) as Rgb;
}

function luminance(rgb: Rgb): number {
  const [r, g, b] = rgb.map((c) => {
    const s = c / 255;
    return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
}

/** WCAG 2 contrast ratio of a text colour (alpha allowed) on an opaque background. */
export function contrast(text: string, background: string): number {
  const [a, b] = [luminance(over(text, background)), luminance(parse(background).rgb)];
  return (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
}

export interface TextLook {
  text: string;
  color: keyof typeof TEAMS_LIGHT.foregrounds;
  subtle: boolean;
  background: keyof typeof TEAMS_LIGHT.backgrounds;
}

/** Every text a card shows (text blocks, facts, switch labels) with the colour and background it is drawn in. */
export function textLooks(node: unknown, background: TextLook['background'] = 'default', out: TextLook[] = []): TextLook[] {
  if (Array.isArray(node)) node.forEach((n) => textLooks(n, background, out));
  if (!node || typeof node !== 'object' || Array.isArray(node)) return out;
  const n = node as Json;
  const here: TextLook['background'] = n.style === 'emphasis' ? 'emphasis' : background;
  const plain = (text: string): TextLook => ({ text, color: 'default', subtle: false, background: here });
  if (n.type === 'TextBlock') out.push({ text: n.text, color: (n.color ?? 'default').toLowerCase(), subtle: n.isSubtle === true, background: here });
  if (n.type === 'FactSet') n.facts.forEach((f: Json) => out.push(plain(f.title), plain(f.value)));
  if (n.type === 'Input.Toggle') out.push(plain(n.title));
  for (const [key, value] of Object.entries(n)) if (key !== 'facts') textLooks(value, here, out);
  return out;
}

/**
 * The backgrounds new Teams (Fluent 2) draws under a card in its light theme: #FFFFFF, and #F5F5F5, its neutral
 * background (text #242424, as the designer's #252424 near enough). A text's colour is measured on these as well
 * as on its container's background above, and the lowest ratio counts.
 */
export const TEAMS_LIGHT_SURFACES = ['#ffffff', '#f5f5f5'] as const;

export function contrastOf(look: TextLook): number {
  const colour = TEAMS_LIGHT.foregrounds[look.color][look.subtle ? 'subtle' : 'default'];
  return Math.min(...[TEAMS_LIGHT.backgrounds[look.background], ...TEAMS_LIGHT_SURFACES].map((background) => contrast(colour, background)));
}

/** The titles Teams draws on buttons: actions in action sets (a tappable row's selectAction shows no title). */
export function buttonTitles(node: unknown, out: string[] = []): string[] {
  if (Array.isArray(node)) node.forEach((n) => buttonTitles(n, out));
  else if (node && typeof node === 'object') {
    const n = node as Json;
    if (n.type === 'ActionSet' || n.type === 'AdaptiveCard') (n.actions ?? []).forEach((a: Json) => out.push(a.title));
    Object.values(n).forEach((v) => buttonTitles(v, out));
  }
  return out;
}

/**
 * The name a screen reader gives each action of a card (buttons, and rows tapped through their selectAction):
 * its tooltip when it has one (Adaptive Cards read it out with the action), else its title.
 */
export function actionNames(node: unknown, out: string[] = []): string[] {
  if (Array.isArray(node)) node.forEach((n) => actionNames(n, out));
  else if (node && typeof node === 'object') {
    const n = node as Json;
    if (typeof n.type === 'string' && n.type.startsWith('Action.')) out.push(String(n.tooltip ?? n.title ?? ''));
    Object.values(n).forEach((v) => actionNames(v, out));
  }
  return out;
}

/** Names given to more than one action of a card. */
export function sharedActionNames(card: unknown): string[] {
  const names = actionNames(card);
  return [...new Set(names.filter((name, i) => names.indexOf(name) !== i))];
}
