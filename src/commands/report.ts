// The signals report, kstat's default command: the block for one path, a table (or JSON, CSV…)
// for several.
import { Option, type Command } from 'commander';
import { analyzeEach, type RunPlan } from '../analyze/index.js';
import { EXIT, exitCodeOf, KstatError, UsageError } from '../errors.js';
import { outputFile, outputWidth, parseWhole } from '../options.js';
import { FORMATS, renderers, streams, type Format } from '../render/index.js';
import { parseSort, SORT_KEYS, sortReports } from '../signals/sort.js';
import { isFailure, type PathResult } from '../types.js';
import { useColor, type Io } from './io.js';
import { indexHint, progressReporter, request, type SharedFlags } from './shared.js';
import { writeOutput } from './write-file.js';

/** Runs longer than this (KSTAT_HINT_AFTER_MS overrides) without Bloom filters suggest `kstat prepare`. */
const HINT_AFTER_MS = 5000;

interface ReportFlags extends SharedFlags {
  json?: boolean;
  ndjson?: boolean;
  csv?: boolean;
  table?: boolean;
  format?: Format;
  sort?: string;
  order?: string;
  limit?: string;
  svg?: string;
  html?: string;
}

/** The report's own options; cli.ts shows them in `kstat --help` too, since the report is the default. */
export function reportCommand(root: Command, io: Io, done: (code: number) => void): Command {
  return root
    .command('report', { isDefault: true, hidden: true })
    .description('the signals of each path: a block for one, a table for several')
    .argument('[path...]', 'directories or files, relative to the current directory (:/ from the top; . for here)')
    .addOption(new Option('--format <format>', 'output format (default: text for one path, table for several)').choices(FORMATS))
    .addOption(new Option('--json', 'JSON: an object for one path, an array when the request can name several').conflicts(['ndjson', 'csv', 'table', 'format']))
    .addOption(new Option('--ndjson', 'one JSON object per line, each as soon as its path is done').conflicts(['csv', 'table', 'format']))
    .addOption(new Option('--csv', 'CSV, one row per path').conflicts(['table', 'format']))
    .addOption(new Option('--table', 'a table, one row per path').conflicts('format'))
    .option('--sort <key>', `order paths by ${SORT_KEYS.slice(0, -1).join(', ')} or ${SORT_KEYS.at(-1)!} (idle: whole months since the last commit)`)
    .option('--order <order>', 'asc (least first) or desc (most first) for --sort (default: desc, path asc)')
    .addOption(new Option('--html <file>', 'write a self-contained HTML page to FILE instead (- for stdout): a table to sort and filter, a chart per path').conflicts(['json', 'ndjson', 'csv', 'table', 'format']))
    .option('--limit <n>', 'only the first N paths (after --sort)')
    .option('--svg <file>', "also write one path's monthly chart as SVG to FILE (- for stdout, instead of the report)")
    .action(async (args: string[], _flags: unknown, cmd: Command) => done(await runReport(args, cmd.optsWithGlobals<ReportFlags>(), io)));
}

function chosenFormat(flags: ReportFlags): Format | undefined {
  if (flags.json) return 'json';
  if (flags.ndjson) return 'ndjson';
  if (flags.csv) return 'csv';
  if (flags.table) return 'table';
  return flags.format;
}

export async function runReport(args: string[], flags: ReportFlags, io: Io): Promise<number> {
  const { options, many } = await request(args, flags, io);
  const svg = svgTarget(flags, many);
  const sort = parseSort(flags.sort, flags.order);
  const width = outputWidth(flags.width, io.stdout);
  const limit = flags.limit === undefined ? Infinity : parseWhole(flags.limit, '--limit', 1, Number.MAX_SAFE_INTEGER);
  const color = useColor(flags.color, io.env, io.stdout.isTTY);
  const started = Date.now();
  const progress = progressReporter(io, !flags.quiet && io.stderr.isTTY === true);
  let plan: RunPlan | undefined;
  const results = analyzeEach(options, {
    onPlan: (p) => {
      plan = p;
      indexHint(p, flags, io);
    },
    onProgress: progress.update,
  });
  const html = flags.html === undefined ? undefined : outputFile(flags.html, '--html');
  const format = chosenFormat(flags) ?? (many ? 'table' : 'text');

  const opts = { color, many, width };
  const stream = html === undefined && streams[format] ? await streams[format](opts) : null;
  // Written as each path is done, and not kept: unless the order must be known first, or the
  // chart is written first (so a chart that cannot be written leaves stdout empty).
  const live = stream && sort === undefined && svg === undefined ? stream : null;
  const kept: PathResult[] = [];
  let count = 0;
  let failed = false;
  try {
    for await (const r of results) {
      // One path asked for alone: its failure is the run's.
      if (!many && isFailure(r)) throw new KstatError(r.error.message, exitCodeOf(r.error.code));
      failed ||= isFailure(r);
      if (!live) kept.push(r);
      else if (count < limit) {
        progress.clear();
        io.out(live.item(r, count++));
      }
    }
  } finally {
    progress.clear();
  }
  // One path: its failure has been thrown above, so this is its report.
  const charted = kept[0];
  if (svg !== undefined && charted && !isFailure(charted)) {
    const { renderSvg } = await import('../render/svg.js');
    await writeOutput(svg, renderSvg(charted), io);
  }
  if (svg === '-') {
    // The SVG is the output.
  } else if (live) io.out(live.end(count));
  else if (html !== undefined) {
    const shown = (sort ? sortReports(kept, sort.key, sort.order) : kept).slice(0, limit);
    const { renderHtml } = await import('../render/html.js');
    await writeOutput(html, renderHtml(shown, { repository: options.repo }), io);
  } else {
    const shown = (sort ? sortReports(kept, sort.key, sort.order) : kept).slice(0, limit);
    if (stream) {
      shown.forEach((r, i) => io.out(stream.item(r, i)));
      io.out(stream.end(shown.length));
    } else {
      io.out((await renderers[format]())(shown, opts));
    }
  }
  const elapsed = Date.now() - started;
  if (!flags.quiet && plan && !plan.bloom && elapsed >= Number(io.env.KSTAT_HINT_AFTER_MS ?? HINT_AFTER_MS)) {
    io.err(
      `kstat: this took ${(elapsed / 1000).toFixed(1)} s without a commit-graph with changed-path Bloom filters; \`kstat prepare\` writes one (once per clone) and makes a one-path run up to 5× faster\n`,
    );
  }
  return failed ? EXIT.somePathsFailed : EXIT.ok;
}

/** --svg's file, checked: one path's chart, and on stdout only in place of the report. */
function svgTarget(flags: ReportFlags, many: boolean): string | undefined {
  const file = flags.svg;
  if (file === undefined) return undefined;
  if (file === '') throw new UsageError('--svg needs a file name (or - for stdout)');
  if (many) throw new UsageError('--svg draws one path\'s chart: name one path (--each, --paths-from and a second path or section ask for several)');
  if (file === '-' && chosenFormat(flags) !== undefined) throw new UsageError('--svg - writes the chart to stdout in place of the report: drop the format option, or name a file');
  return file;
}
