/**
 * The members of a one-line JSON object with each value's exact text: the trail's `data` and
 * `metadata` are PostgreSQL's jsonb text, which the hash covers byte for byte, and JSON.parse would
 * lose those bytes. Throws on anything that is not a JSON object.
 */
export function rawMembers(line: string): Map<string, string> {
  const members = new Map<string, string>();
  let i = skip(line, 0);
  if (line[i] !== '{') throw new Error('not a JSON object');
  i = skip(line, i + 1);
  if (line[i] === '}') return members;
  for (;;) {
    const keyEnd = valueEnd(line, i);
    const key = JSON.parse(line.slice(i, keyEnd)) as unknown;
    if (typeof key !== 'string') throw new Error('a member name must be a string');
    i = skip(line, keyEnd);
    if (line[i] !== ':') throw new Error('expected ":"');
    const start = skip(line, i + 1);
    const end = valueEnd(line, start);
    members.set(key, line.slice(start, end));
    i = skip(line, end);
    if (line[i] === '}') break;
    if (line[i] !== ',') throw new Error('expected "," or "}"');
    i = skip(line, i + 1);
  }
  if (skip(line, i + 1) !== line.length) throw new Error('text after the object');
  JSON.parse(line); // the whole line must be valid JSON
  return members;
}

function skip(text: string, i: number): number {
  while (i < text.length && ' \t\r\n'.includes(text[i]!)) i++;
  return i;
}

/** Where the JSON value starting at `start` ends (exclusive). */
function valueEnd(text: string, start: number): number {
  let depth = 0;
  let inString = false;
  for (let i = start; i < text.length; i++) {
    const c = text[i]!;
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') {
        inString = false;
        if (depth === 0) return i + 1;
      }
    } else if (c === '"') inString = true;
    else if (c === '{' || c === '[') depth++;
    else if (c === '}' || c === ']') {
      if (depth === 0) return i;
      depth--;
      if (depth === 0) return i + 1;
    } else if (depth === 0 && (c === ',' || ' \t\r\n'.includes(c))) return i;
  }
  if (inString || depth > 0) throw new Error('unterminated JSON value');
  return text.length;
}
