/** Kinds of contact a timeline entry records; the database CHECK in migration 007 holds the same list. */
export const INTERACTION_KIND_LIST = ['call', 'email', 'wechat', 'visit', 'service', 'feedback', 'note'] as const;

/** How far ahead of main's clock an interaction time may be: a minute of clock skew, not a plan. */
export const INTERACTION_FUTURE_SLACK_MS = 60_000;
