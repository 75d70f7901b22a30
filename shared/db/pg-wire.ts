// Small pieces of the PostgreSQL wire protocol the embedded session sharer (embedded.ts) writes and reads.

/** Message type of a simple query. */
export const QUERY = 0x51; // 'Q'

export function query(sql: string): Buffer {
  const text = Buffer.from(`${sql}\0`, 'utf8');
  const header = Buffer.alloc(5);
  header[0] = QUERY;
  header.writeInt32BE(4 + text.length, 1);
  return Buffer.concat([header, text]);
}

export function literal(s: string): string {
  return `'${s.replace(/'/g, "''")}'`;
}

/** The `-c name=value` and `--name=value` entries of a startup packet's `options` parameter. */
export function startupSettings(packet: Buffer): Array<[string, string]> {
  const fields = packet.subarray(8).toString('utf8').split('\0');
  let options = '';
  for (let i = 0; i + 1 < fields.length; i += 2) if (fields[i] === 'options') options = fields[i + 1];
  // Words are separated by spaces; a backslash escapes the next character.
  const words: string[] = [];
  let word = '';
  for (let i = 0; i < options.length; i++) {
    const ch = options[i];
    if (ch === '\\' && i + 1 < options.length) word += options[++i];
    else if (ch === ' ') {
      if (word) words.push(word);
      word = '';
    } else word += ch;
  }
  if (word) words.push(word);
  const settings: Array<[string, string]> = [];
  for (let i = 0; i < words.length; i++) {
    let setting: string | undefined;
    if (words[i] === '-c') setting = words[++i];
    else if (words[i].startsWith('-c')) setting = words[i].slice(2);
    else if (words[i].startsWith('--')) setting = words[i].slice(2);
    const eq = setting?.indexOf('=') ?? -1;
    if (setting && eq > 0) settings.push([setting.slice(0, eq).replace(/-/g, '_'), setting.slice(eq + 1)]);
  }
  return settings;
}
