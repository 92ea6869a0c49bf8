// People named outside git's own fields (MAINTAINERS, commit trailers) mapped through the
// repository's mailmap by git itself, as `%aN`/`%aE` are: `git check-mailmap`.
import { runGit, type GitContext } from './run.js';

export interface Contact {
  /** latin1 strings (every byte kept), as trailers and MAINTAINERS are read. */
  name: string;
  email: string;
}

/**
 * Each contact as the mailmap maps it (unchanged when it maps nothing), in order. Contacts are
 * given to git as `Name <email>`; one holding `<`, `>` or a newline, which git could not read
 * back, is left as it is.
 */
export async function mapContacts(ctx: GitContext, contacts: readonly Contact[], mailmap: readonly string[]): Promise<Contact[]> {
  const ok = (c: Contact): boolean => !/[<>\n\0]/.test(c.name + c.email);
  const asked = contacts.filter(ok);
  if (mailmap.length === 0 || asked.length === 0) return [...contacts];
  const input = Buffer.from(asked.map((c) => `${c.name} <${c.email}>\n`).join(''), 'latin1');
  const out = (await runGit(ctx, ['check-mailmap', '--stdin'], { input })).toString('latin1').split('\n');
  let k = 0;
  return contacts.map((c) => {
    if (!ok(c)) return c;
    const line = out[k++] ?? '';
    const m = /^(.*?) ?<([^<>]*)>$/.exec(line);
    return m ? { name: m[1]!, email: m[2]! } : c;
  });
}
