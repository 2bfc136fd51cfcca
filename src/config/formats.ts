/** The output formats, as `--format` accepts them; each names a reporter in the registry. */
export const FORMAT_NAMES = ['table', 'json', 'markdown', 'csv', 'github', 'bencher', 'html'] as const;
export type FormatName = (typeof FORMAT_NAMES)[number];
