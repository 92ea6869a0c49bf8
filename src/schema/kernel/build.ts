// The report's build fields (docs/signals.md "Build switches"), spread into PathReport beside the history's.
import * as z from 'zod';
import { count } from '../primitives.js';


export const BuildSwitchSchema = z
  .strictObject({
    symbol: z.string().regex(/^CONFIG_[A-Za-z0-9_]+$/).describe('The symbol as makefiles and defconfigs write it, `CONFIG_FOO` (Kconfig defines it as `config FOO`).'),
    from: z
      .enum(['parent', 'own'])
      .describe(
        "`parent`: the nearest kbuild line above the path that switches it (`obj-$(CONFIG_FOO) += foo/` or `bar.o`, through any `obj-y` lines in between); `own`: a switch of the path's own makefile (the parts it builds).",
      ),
    makefile: z.string().describe("The kbuild file holding the line: the directory's `Kbuild`, else its `Makefile`."),
    type: z.enum(['bool', 'tristate', 'string', 'int', 'hex']).nullable().describe('The Kconfig type (`def_bool` is bool, `def_tristate` tristate); null when no Kconfig entry gives one.'),
    prompt: z.string().nullable().describe("The Kconfig prompt, on the type line or a `prompt` line; null when the entry has none (the user cannot set it: only defaults and `select` do) or there is no entry."),
    depends_on: z.array(z.string()).describe("The entry's own `depends on` expressions as written (continuation lines joined, blanks collapsed); enclosing `if` blocks and menus are not listed."),
    kconfig: z.string().nullable().describe('The Kconfig file that defines it (the first in tree order with a prompt, else the first); null when none does.'),
    defconfigs: count.nullable().describe('The `arch/*/configs/*defconfig` files that set it: an exact `CONFIG_FOO=y` or `=m` line; null when the tree has no defconfig file.'),
  })
  .meta({ id: 'BuildSwitch', description: 'A CONFIG_ symbol that builds the path or its parts, with its Kconfig entry.' });

export const buildFields = {
  build_switches: z.array(BuildSwitchSchema).describe('The CONFIG_ symbols that build the path, read from the revision\'s kbuild files: those that switch the path itself (`parent`) first, then its own makefile\'s (`own`), each once, in file order.'),
  defconfigs: count
    .nullable()
    .describe('The defconfig files (`arch/*/configs/*defconfig`) that set at least one of the `parent` switches to y or m; null when no switch gates the path (always built, not built by kbuild, not a kernel tree) or the tree has no defconfig file (`notes` says which).'),
} satisfies Record<string, z.ZodType>;
