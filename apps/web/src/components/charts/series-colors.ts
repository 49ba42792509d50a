/**
 * Line colors for up to ten runs (the compare limit), from Mantine's default palette, chosen to
 * stay apart from each other on a white background. The same run keeps its color on every chart
 * of a page because callers index by the run's position in the page's run list.
 */
export const SERIES_COLORS = [
  '#0ca678', // teal.7
  '#1c7ed6', // blue.7
  '#f76707', // orange.7
  '#ae3ec9', // grape.6
  '#e03131', // red.8
  '#66a80f', // lime.8
  '#1098ad', // cyan.7
  '#d6336c', // pink.7
  '#f59f00', // yellow.7
  '#4263eb', // indigo.7
] as const;

export function seriesColor(index: number): string {
  return SERIES_COLORS[index % SERIES_COLORS.length] ?? SERIES_COLORS[0];
}
