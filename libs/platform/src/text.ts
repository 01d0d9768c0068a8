import { say, type Text } from './messages.js';
/**
 * What a text typed or imported into the record may hold. Pure: the domain, the forms and the
 * HTTP edge all ask here, so every way in refuses the same characters.
 */

/** Bidirectional embeddings, overrides and isolates: they make a text read other than it is stored. */
const BIDI_CONTROL = /[\u202A-\u202E\u2066-\u2069]/u;
/** Control characters, except line breaks and tabs (a goal spans lines; a printed cell may wrap). */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/u;
/** A character that shows: not a space, a control or an invisible format character (zero-width…). */
const VISIBLE = /[^\p{White_Space}\p{Cc}\p{Cf}]/u;

/** A name must show something; any other text may also be empty or blank. */
export type TextKind = 'name' | 'text';

/** Why `value` cannot be kept as a text of this kind, or null. Its code is always INVALID_CHARACTERS. */
export function textFault(value: string, kind: TextKind): Text | null {
  if (BIDI_CONTROL.test(value)) return say('field.bidiControl');
  if (CONTROL.test(value)) return say('field.controlCharacter');
  if (kind === 'name' && !VISIBLE.test(value)) return say('field.noVisibleCharacter');
  return null;
}

/** Whether a string anywhere in a request may stay: no bidirectional override, whatever the field. */
export function hasBidiControl(value: string): boolean {
  return BIDI_CONTROL.test(value);
}
