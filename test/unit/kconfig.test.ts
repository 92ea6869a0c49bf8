// The Kconfig reader (entries' type, prompt, depends on; help text skipped as Kconfig's lexer
// skips it) and the defconfig reader (exact CONFIG_X=y / =m lines).
import { describe, expect, it } from 'vitest';
import { enabledSymbols, parseKconfig, quoted } from '../../src/kernel/kconfig.js';

const entries = (text: string) => parseKconfig(text).map(({ name, type, prompt, dependsOn }) => ({ name, type, prompt, dependsOn }));

describe('parseKconfig', () => {
  it('config and menuconfig, the prompt on the type line', () => {
    expect(entries('config A\n\tbool "A support"\n\nmenuconfig B\n\ttristate "B drivers"\n')).toEqual([
      { name: 'A', type: 'bool', prompt: 'A support', dependsOn: [] },
      { name: 'B', type: 'tristate', prompt: 'B drivers', dependsOn: [] },
    ]);
  });

  it('a prompt line, with an if; def_bool and def_tristate give a type and no prompt', () => {
    expect(entries('config A\n\tbool\n\tprompt "A" if B\nconfig C\n\tdef_bool y\nconfig D\n\tdef_tristate m if E\nconfig F\n\tstring\nconfig G\n\tint "G"\nconfig H\n\thex "H"\n')).toEqual([
      { name: 'A', type: 'bool', prompt: 'A', dependsOn: [] },
      { name: 'C', type: 'bool', prompt: null, dependsOn: [] },
      { name: 'D', type: 'tristate', prompt: null, dependsOn: [] },
      { name: 'F', type: 'string', prompt: null, dependsOn: [] },
      { name: 'G', type: 'int', prompt: 'G', dependsOn: [] },
      { name: 'H', type: 'hex', prompt: 'H', dependsOn: [] },
    ]);
  });

  it('every depends on, continuation lines joined and blanks collapsed', () => {
    expect(entries('config A\n\tbool "A"\n\tdepends on B && \\\n\t\t   (C || D)\n\tdepends on !E\n\tdepends  on  F\n')[0]!.dependsOn).toEqual(['B && (C || D)', '!E', 'F']);
  });

  it('help text is skipped however many config words it holds, blank lines included', () => {
    const text = [
      'config A',
      '\tbool "A"',
      '\thelp',
      '\t  config NOT_ONE',
      '\t  depends on NOT_THIS',
      '',
      '\t  menuconfig NOR_THIS',
      '\t  bool "not a prompt"',
      '\tdepends on AFTER_HELP_LESS_INDENTED',
      'config B',
      '\t---help---',
      '\t  prompt "no"',
      'config C',
      '\tbool "C"',
    ].join('\n');
    expect(entries(text)).toEqual([
      { name: 'A', type: 'bool', prompt: 'A', dependsOn: ['AFTER_HELP_LESS_INDENTED'] },
      { name: 'B', type: null, prompt: null, dependsOn: [] },
      { name: 'C', type: 'bool', prompt: 'C', dependsOn: [] },
    ]);
  });

  it('help indented with spaces, and text at the margin ending it at once', () => {
    expect(entries('config A\n  bool "A"\n  help\n    config X\n\n    more\nconfig B\n  help\nconfig C\n  bool "C"\n').map((e) => e.name)).toEqual(['A', 'B', 'C']);
  });

  it('menus, choices, comments, if blocks and source lines end an entry: what follows is not its', () => {
    const text = 'config A\n\tbool "A"\nmenu "M"\n\tdepends on MENU_DEP\nendmenu\nconfig B\n\tbool\ncomment "C"\n\tdepends on COMMENT_DEP\nif X\nendif\nsource "y/Kconfig"\n\tbool "stray"\n';
    expect(entries(text)).toEqual([
      { name: 'A', type: 'bool', prompt: 'A', dependsOn: [] },
      { name: 'B', type: 'bool', prompt: null, dependsOn: [] },
    ]);
  });

  it('the first type and prompt win; comments after them and # inside a prompt', () => {
    expect(entries('config A\n\tbool "A # one" # comment\n\tprompt "two"\n\ttristate\n# config B\n')).toEqual([{ name: 'A', type: 'bool', prompt: 'A # one', dependsOn: [] }]);
  });

  it('quotes: double, single, escapes, unterminated', () => {
    expect(quoted('"a \\"b\\" c" if X')).toEqual({ value: 'a "b" c', rest: ' if X' });
    expect(quoted("'it''")).toEqual({ value: 'it', rest: "'" });
    expect(quoted('"open')).toEqual({ value: 'open', rest: '' });
    expect(quoted('bare')).toBeNull();
  });

  it('line numbers are those of the config line; CRLF is read', () => {
    expect(parseKconfig('\r\n# x\r\nconfig A\r\n\tbool "A"\r\n').map((e) => [e.line, e.prompt])).toEqual([[3, 'A']]);
  });
});

describe('enabledSymbols', () => {
  it('exact CONFIG_X=y and =m lines only', () => {
    const text = 'CONFIG_A=y\nCONFIG_B=m\n# CONFIG_C is not set\nCONFIG_D=n\nCONFIG_E="y"\n CONFIG_F=y\nCONFIG_G=y \nCONFIG_H=yes\nCONFIG_I=16\r\nCONFIG_J=m\r\n';
    expect([...enabledSymbols(text)]).toEqual(['CONFIG_A', 'CONFIG_B', 'CONFIG_J']);
  });
});
