/** The output formats, as `--format` accepts them; each names a reporter in the registry. */
export const FORMAT_NAMES = ['table', 'json', 'markdown', 'csv', 'github', 'bencher', 'html', 'guide'] as const;
export type FormatName = (typeof FORMAT_NAMES)[number];

/** Columns the terminal table fits when stdout is not a terminal (a file, a pipe): its full layout. */
export const DEFAULT_WIDTH = 120;
