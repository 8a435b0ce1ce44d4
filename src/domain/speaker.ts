// Who is talking: a colleague of a practice, as the channel identified them (src/bot/identify.ts says how).

/** Who is talking, within which practice. */
export interface Speaker {
  practiceId: string;
  colleagueId: string;
  /** The id a card shown to this person is stamped with. */
  personKey: string;
}
