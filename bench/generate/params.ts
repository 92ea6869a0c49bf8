// What a generated repository is made from, and the name it is cached under in bench/.repos/.

/** Bump when the generated history changes, so cached benchmark repositories are rebuilt. */
export const GENERATOR_VERSION = 3;
export const FULL_COMMITS = 450_000;
export const FULL_FILES = 75_000;
export const DEFAULT_HEAD = '2026-04-21T00:00:00Z';
export const DEFAULT_YEARS = 7;
export const DEFAULT_SEED = 1;
/** The small leaf directory the benchmark times (always generated, at every scale). */
export const LEAF_PATH = 'drivers/vdpa/mlx5';

export interface GenParams {
  commits: number;
  files: number;
  years: number;
  seed: number;
  head: string;
  /** zlib level of the pack (git's pack.compression): 1 by default, fast to write; -1 = git's default. */
  compression: number;
}

export function paramsFor(scale: number, over: Partial<GenParams> = {}): GenParams {
  return {
    commits: Math.max(200, Math.round(FULL_COMMITS * scale)),
    files: Math.max(400, Math.round(FULL_FILES * scale)),
    years: DEFAULT_YEARS,
    seed: DEFAULT_SEED,
    head: DEFAULT_HEAD,
    compression: 1,
    ...over,
  };
}

/** Directory name for a cached repository with these parameters. */
export function repoName(p: GenParams): string {
  return `linuxlike-v${GENERATOR_VERSION}-c${p.commits}-f${p.files}-y${p.years}-s${p.seed}-h${p.head.slice(0, 10)}-z${p.compression}`;
}
