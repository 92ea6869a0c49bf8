// The kbuild makefile reader: assignments, switches, continuation lines, comments, conditional
// blocks, composite objects, and how a target is built.
import { describe, expect, it } from 'vitest';
import { building, conditionSymbols, logicalLines, ownSymbols, parseKbuild, targetOf, uncommented } from '../../src/kernel/kbuild.js';

const one = (text: string) => parseKbuild(text).map(({ base, symbols, targets }) => ({ base, symbols, targets }));

describe('parseKbuild', () => {
  it('reads obj-$(CONFIG_X), obj-y, obj-m, subdir- and lib- with +=, := and =', () => {
    expect(one('obj-$(CONFIG_FOO) += foo/ bar.o\nobj-y := base/\nobj-m = mod/\nsubdir-$(CONFIG_S) += s/\nlib-y += l.o\n')).toEqual([
      { base: 'obj', symbols: ['CONFIG_FOO'], targets: ['foo/', 'bar.o'] },
      { base: 'obj', symbols: [], targets: ['base/'] },
      { base: 'obj', symbols: [], targets: ['mod/'] },
      { base: 'subdir', symbols: ['CONFIG_S'], targets: ['s/'] },
      { base: 'lib', symbols: [], targets: ['l.o'] },
    ]);
  });

  it('joins backslash-continued lines, with the line where they start', () => {
    const a = parseKbuild('# head\nobj-y\t+= a/ \\\n\t   b/ \\\n   c.o\nobj-$(CONFIG_D) += d/\n');
    expect(a.map((x) => [x.line, x.targets])).toEqual([
      [2, ['a/', 'b/', 'c.o']],
      [5, ['d/']],
    ]);
  });

  it('drops comments, whole lines and ends of lines, but not an escaped #', () => {
    expect(one('# obj-$(CONFIG_OLD) += old/\nobj-$(CONFIG_A) += a/ # b/\n  # obj-y += c/\n')).toEqual([{ base: 'obj', symbols: ['CONFIG_A'], targets: ['a/'] }]);
    expect(uncommented('x \\# y # z')).toBe('x \\# y ');
  });

  it('a comment ending in a backslash swallows the next line, as make reads it', () => {
    expect(one('# note \\\nobj-$(CONFIG_A) += a/\nobj-y += b/\n')).toEqual([{ base: 'obj', symbols: [], targets: ['b/'] }]);
  });

  it('reads ${CONFIG_X}, several symbols, and a function around a symbol; skips a condition without one', () => {
    expect(one('obj-${CONFIG_A} += a/\nobj-$(subst m,y,$(CONFIG_B)) += b/\nobj-$(CONFIG_C)$(CONFIG_D) += cd/\nobj-$(foo) += f/\n')).toEqual([
      { base: 'obj', symbols: ['CONFIG_A'], targets: ['a/'] },
      { base: 'obj', symbols: ['CONFIG_B'], targets: ['b/'] },
      { base: 'obj', symbols: ['CONFIG_C', 'CONFIG_D'], targets: ['cd/'] },
    ]);
  });

  it('leaves out targets that hold a variable and strips ./', () => {
    expect(one('obj-y += ./a/ $(arch)/ b.o\n')).toEqual([{ base: 'obj', symbols: [], targets: ['a/', 'b.o'] }]);
  });

  it('composite objects keep their name; -objs is always on', () => {
    expect(one('mlx5_core-y := main.o\nmlx5_core-$(CONFIG_EN) += en.o\nsnd-hda-codec-objs := codec.o\n')).toEqual([
      { base: 'mlx5_core', symbols: [], targets: ['main.o'] },
      { base: 'mlx5_core', symbols: ['CONFIG_EN'], targets: ['en.o'] },
      { base: 'snd-hda-codec', symbols: [], targets: ['codec.o'] },
    ]);
  });

  it('ignores rules, recipes and other variables', () => {
    expect(one('$(obj)/x.o: $(src)/x.S\n\t$(call cmd,as)\nCFLAGS_x.o := -O2\nVERSION = 6\ntargets += a.o\n')).toEqual([]);
  });

  it('an ifdef or ifeq block switches the always-on lines inside it; else, ifndef and unknown conditions do not', () => {
    const text = [
      'ifdef CONFIG_A',
      'obj-y += a/',
      'obj-$(CONFIG_B) += b/',
      'else',
      'obj-y += not-a/',
      'endif',
      'ifeq ($(CONFIG_C),y)',
      'ifneq ($(CONFIG_D),)',
      'obj-y += cd/',
      'endif',
      'endif',
      'ifndef CONFIG_E',
      'obj-y += e/',
      'endif',
      'ifeq ($(ARCH),x86)',
      'obj-y += x/',
      'endif',
      'obj-y += after/',
    ].join('\n');
    expect(one(text).map((a) => [a.targets[0], a.symbols])).toEqual([
      ['a/', ['CONFIG_A']],
      ['b/', ['CONFIG_B']],
      ['not-a/', []],
      ['cd/', ['CONFIG_C', 'CONFIG_D']],
      ['e/', []],
      ['x/', []],
      ['after/', []],
    ]);
  });

  it.each([
    ['ifdef CONFIG_X', ['CONFIG_X']],
    ['ifeq ($(CONFIG_X),y)', ['CONFIG_X']],
    ['ifeq ($(CONFIG_X), m)', ['CONFIG_X']],
    ['ifneq ($(CONFIG_X),)', ['CONFIG_X']],
    ['ifneq (${CONFIG_X},n)', ['CONFIG_X']],
    ['ifeq ($(CONFIG_X),)', null],
    ['ifneq ($(CONFIG_X),y)', null],
    ['ifndef CONFIG_X', null],
    ['ifeq ($(ARCH),x86)', null],
  ])('conditionSymbols(%j) = %j', (line, symbols) => {
    expect(conditionSymbols(line)).toEqual(symbols);
  });

  it('reads CRLF files and a last line without a newline', () => {
    expect(one('obj-$(CONFIG_A) += a/\r\nobj-$(CONFIG_B) += \\\r\n b/')).toEqual([
      { base: 'obj', symbols: ['CONFIG_A'], targets: ['a/'] },
      { base: 'obj', symbols: ['CONFIG_B'], targets: ['b/'] },
    ]);
    expect(logicalLines('a \\')).toEqual([[1, 'a \\']]);
  });
});

describe('building', () => {
  const lines = parseKbuild(
    [
      'obj-$(CONFIG_FOO) += foo/ foo.o',
      'obj-$(CONFIG_QUX) += qux/',
      'obj-$(CONFIG_QUX_ALT) += qux/',
      'obj-y += base/',
      'obj-$(CONFIG_MLX5_CORE) += mellanox/mlx5/core/',
      'foo-y := main.o',
      'foo-$(CONFIG_FOO_DEBUG) += debug.o',
      'loop-y := loop.o',
      'loop-y += again.o',
      'again-y := loop.o',
      'ccflags-$(CONFIG_FLAGS) += -DX',
    ].join('\n'),
  );

  it('a directory or object on a switched line: its symbols', () => {
    expect(building(lines, 'foo/')).toEqual({ symbols: ['CONFIG_FOO'], always: false });
    expect(building(lines, 'qux/')).toEqual({ symbols: ['CONFIG_QUX', 'CONFIG_QUX_ALT'], always: false });
    expect(building(lines, 'mellanox/mlx5/core/')).toEqual({ symbols: ['CONFIG_MLX5_CORE'], always: false });
  });

  it('obj-y: always', () => {
    expect(building(lines, 'base/')).toEqual({ symbols: [], always: true });
  });

  it('a part of a composite object: its own switch, or the whole object\'s', () => {
    expect(building(lines, 'debug.o')).toEqual({ symbols: ['CONFIG_FOO_DEBUG'], always: false });
    expect(building(lines, 'main.o')).toEqual({ symbols: ['CONFIG_FOO'], always: false });
  });

  it('named nowhere: null; a loop of composites ends', () => {
    expect(building(lines, 'none/')).toBeNull();
    expect(building(lines, 'x.o')).toBeNull();
    expect(building(lines, 'loop.o')).toBeNull();
  });

  it('a directory is not a composite part', () => {
    expect(building(parseKbuild('foo-y += sub/\n'), 'sub/')).toBeNull();
  });

  it('own switches: each once, in file order, flags left out', () => {
    expect(ownSymbols(lines)).toEqual(['CONFIG_FOO', 'CONFIG_QUX', 'CONFIG_QUX_ALT', 'CONFIG_MLX5_CORE', 'CONFIG_FOO_DEBUG']);
  });
});

describe('targetOf', () => {
  it.each([
    ['foo', true, 'foo/'],
    ['mellanox/mlx5/core', true, 'mellanox/mlx5/core/'],
    ['bar.c', false, 'bar.o'],
    ['entry.S', false, 'entry.o'],
    ['lib.rs', false, 'lib.o'],
    ['sub/x.c', false, 'sub/x.o'],
    ['foo.h', false, null],
    ['Makefile', false, null],
  ])('%s (directory: %s) → %s', (rel, dir, target) => {
    expect(targetOf(rel, dir)).toBe(target);
  });
});
