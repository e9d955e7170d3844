// Bodies of the longest length a message may have (4,000 characters) built to stress a Markdown
// parser: deep nesting, long runs of markers, unclosed brackets. The bench renders them; the unit
// tests check they render at all and stay shallow.
const LENGTH = 4000;

const repeat = (unit: string) => unit.repeat(Math.ceil(LENGTH / unit.length)).slice(0, LENGTH);
const nested = (open: string, middle: string, close: string) => {
  const n = Math.floor((LENGTH - middle.length) / (open.length + close.length));
  return open.repeat(n) + middle + close.repeat(n);
};

export const pathologicalBodies: Record<string, string> = {
  'ordinary Markdown (for scale)': repeat('**Bold** and _em_, `code`, a [link](https://example.com) and @someone.\n- an item\n> a quote\n\n'),
  'nested emphasis': nested('*a _b **c ~~d ', 'x', ' d~~ c** b_ a*'),
  'emphasis, never closed': repeat('*a _b **c ~~d '),
  'nested quotes': repeat('> '),
  'nested lists, one line': repeat('- '),
  'nested lists, indented lines': Array.from({ length: 60 }, (_, i) => '  '.repeat(i) + '- item')
    .join('\n')
    .slice(0, LENGTH),
  'quotes, lists and numbers': repeat('> - 1. '),
  'open brackets': repeat('['),
  'links never closed': repeat('[a]('),
  'link labels in labels': nested('[', 'x', '](https://a.example)'),
  asterisks: repeat('*'),
  'underscores and tildes': repeat('_~'),
  'backtick runs': Array.from({ length: 300 }, (_, i) => '`'.repeat((i % 30) + 1) + 'a')
    .join('')
    .slice(0, LENGTH),
  'marker soup': repeat('*_~`'),
  'angle brackets': repeat('<a'),
  'bare links': repeat('https://a.example/x_y*z '),
  mentions: repeat('@someone '),
  fences: repeat('```\n'),
  backslashes: repeat('\\*'),
};
