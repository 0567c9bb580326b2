/** English text for input the router refuses as unsafe. */
export const hardenEn = {
  'field.control_character': 'This contains invisible control characters (for example from pasted text). Retype it, or paste it as plain text.',
};
