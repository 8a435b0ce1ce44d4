import type { LanguageCode, ProductCode } from '../../flows/ports.ts';

// What a typed sentence asks for, read against the practice's own data (names, roles, products) and
// the words in locales/: codes and ids only, never sentences.

export type RequestIntent =
  /** Give someone access (a new person when only an e-mail names them). */
  | 'add'
  /** Change someone's role or language. */
  | 'edit'
  /** Take someone's access away (on one company, or one product there). */
  | 'remove'
  /** Who has access to a company. */
  | 'list'
  /** What access one colleague has, everywhere. */
  | 'personAccess'
  /** Give one colleague the same access as another. */
  | 'copy'
  /** A leaver: remove all of a colleague's access. */
  | 'removeAll'
  /** Take back one's own last change. */
  | 'undo'
  /** The audit entries of a company or a colleague. */
  | 'history'
  /** The invitations not yet accepted. */
  | 'invitations'
  /** Add the members of the Teams team or group chat the practice does not know yet. */
  | 'importTeam'
  /** Something the assistant cannot do (yet). */
  | 'unsupported';

/** A part the sentence names that matches more than one thing: the one question to ask, with its candidates. */
export interface Ambiguity {
  field: 'company' | 'person';
  candidates: string[];
}

export interface Understanding {
  intent?: RequestIntent;
  /** Company ids: one, or several when the sentence lists them. */
  companies: string[];
  /** The colleague the request is about (a colleague id). */
  person?: string;
  /** A new person's e-mail: an invitation. */
  email?: string;
  /** For 'copy': the colleague whose access is copied. */
  from?: string;
  product?: ProductCode;
  roleId?: string;
  language?: LanguageCode;
  /** For 'history': since when (an ISO date), when the sentence says ("this week", "today"…). */
  since?: string;
  ambiguous?: Ambiguity;
}
