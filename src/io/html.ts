// The article text of an HTML page. News pages wrap a few paragraphs of story in
// menus, headers, share buttons, related links and scripts; the pipeline wants
// the story. Rules, in order:
//   1. drop script, style, noscript, template, svg, iframe, nav, header, footer,
//      aside, form (their text is never the story);
//   2. when the page has <article> elements, take the one with the most text,
//      if that is at least 200 characters;
//   3. else take the element whose direct <p> children hold the most text (the
//      story's container), and its paragraphs;
//   4. else (no paragraphs at all) all remaining text, block by block.
// The page's <h1> (inside the chosen article, or the last one before the story)
// comes first, as the headline. Blocks are joined with newlines; entities are
// decoded; runs of whitespace inside a block become one space.
// A scanner and a stack of open elements are enough for this: no DOM.

const DROPPED = new Set(['script', 'style', 'noscript', 'template', 'svg', 'math', 'iframe', 'object', 'nav', 'header', 'footer', 'aside', 'form', 'button', 'select', 'head']);
/** Elements whose content is raw text up to the closing tag. */
const RAW_TEXT = new Set(['script', 'style', 'textarea', 'title', 'xmp']);
const VOID = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'param', 'source', 'track', 'wbr']);
const BLOCK = new Set([
  'address', 'article', 'aside', 'blockquote', 'body', 'dd', 'details', 'dialog', 'div', 'dl', 'dt', 'fieldset', 'figcaption',
  'figure', 'footer', 'form', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'header', 'hr', 'html', 'li', 'main', 'nav', 'ol', 'p', 'pre',
  'section', 'table', 'tbody', 'td', 'tfoot', 'th', 'thead', 'tr', 'ul', 'br', 'caption', 'center',
]);
/** Tags that end an open <p> (HTML's implied end tag). */
const CLOSES_P = new Set(['address', 'article', 'aside', 'blockquote', 'div', 'dl', 'fieldset', 'footer', 'form', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'header', 'hr', 'main', 'nav', 'ol', 'p', 'pre', 'section', 'table', 'ul', 'figure']);

const NAMED_ENTITIES: Record<string, string> = {
  amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00A0', laquo: '«', raquo: '»', hellip: '…', ndash: '–', mdash: '—',
  lsquo: '‘', rsquo: '’', ldquo: '“', rdquo: '”', bull: '•', middot: '·', copy: '©', reg: '®', deg: '°', shy: '\u00AD',
  zwnj: '\u200C', zwj: '\u200D', lrm: '\u200E', rlm: '\u200F', times: '×', divide: '÷', euro: '€', pound: '£', thinsp: '\u2009',
  ensp: '\u2002', emsp: '\u2003',
};

/** Decode character references: &amp; &#1575; &#x627; (unknown names are kept as written). */
export function decodeEntities(s: string): string {
  if (!s.includes('&')) return s;
  return s.replace(/&(#[xX][0-9a-fA-F]{1,6}|#[0-9]{1,7}|[a-zA-Z]{2,8});?/g, (whole, ref: string) => {
    if (ref[0] === '#') {
      const cp = ref[1] === 'x' || ref[1] === 'X' ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
      if (cp === 0 || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return '\uFFFD';
      return String.fromCodePoint(cp);
    }
    return NAMED_ENTITIES[ref] ?? NAMED_ENTITIES[ref.toLowerCase()] ?? whole;
  });
}

/** True when text (its first kilobyte) looks like an HTML page rather than plain text. */
export function looksLikeHtml(head: string): boolean {
  return /^\s*(<!--[\s\S]*?-->\s*)*<(!doctype\s+html|html[\s>]|head[\s>]|body[\s>])/i.test(head.slice(0, 1024));
}

interface Block {
  text: string;
  /** Ids of the open elements when the block started, outermost first. */
  path: number[];
  /** For text inside a <p>: the id of the element holding that <p>; else null. */
  container: number | null;
  /** Text inside an <h1>. */
  headline: boolean;
}

interface OpenElement {
  name: string;
  id: number;
}

/** Deeper nesting is treated as flat: keeps every tag O(1) on pages of unclosed elements. */
const MAX_DEPTH = 256;
/** Only the first articles are compared (a page of thousands of <article>s is a listing). */
const MAX_ARTICLES = 50;
const TAG_NAME = /^<(\/?)([a-zA-Z][a-zA-Z0-9:-]*)/;

/**
 * Split a page into text blocks, remembering where each sits. A hand-written
 * scanner (indexOf, no backtracking regex), so time is linear in the page
 * whatever it holds: unclosed tags, stray "<", endless comments.
 */
function blocksOf(html: string, droppedNames: ReadonlySet<string>): { blocks: Block[]; articles: number[] } {
  const blocks: Block[] = [];
  const articles: number[] = [];
  const stack: OpenElement[] = [];
  let nextId = 1;
  let dropped = 0; // how many dropped elements are open
  let current: Block | null = null;

  const endBlock = () => {
    if (current) {
      current.text = current.text.replace(/\s+/g, ' ').trim();
      if (current.text) blocks.push(current);
    }
    current = null;
  };
  const text = (raw: string) => {
    if (dropped || !raw) return;
    current ??= startBlock(stack);
    current.text += decodeEntities(raw);
  };
  const lastOpen = (name: string) => {
    for (let k = stack.length - 1; k >= 0; k--) if (stack[k].name === name) return k;
    return -1;
  };
  const closeTo = (index: number) => {
    for (let k = stack.length - 1; k >= index; k--) if (droppedNames.has(stack[k].name)) dropped--;
    stack.length = index;
  };

  const n = html.length;
  let pos = 0;
  let nextGt = -1; // the first ">" after the last "<" looked at (reused while still ahead)
  while (pos < n) {
    const lt = html.indexOf('<', pos);
    if (lt < 0) {
      text(html.slice(pos));
      break;
    }
    text(html.slice(pos, lt));
    if (html.startsWith('<!--', lt)) {
      const close = html.indexOf('-->', lt + 4);
      pos = close < 0 ? n : close + 3;
      continue;
    }
    if (nextGt <= lt) nextGt = html.indexOf('>', lt + 1);
    if (nextGt < 0) {
      text(html.slice(lt)); // no tag can follow
      break;
    }
    const tag = html.slice(lt, nextGt + 1);
    const m = TAG_NAME.exec(tag);
    if (!m) {
      if (tag[1] === '!' || tag[1] === '?') pos = nextGt + 1; // doctype, processing instruction
      else {
        text('<'); // "a < b"
        pos = lt + 1;
      }
      continue;
    }
    pos = nextGt + 1;
    const [, slash, rawName] = m;
    const name = rawName.toLowerCase();
    if (slash) {
      const at = lastOpen(name);
      if (at < 0) continue; // a stray end tag
      if (BLOCK.has(name)) endBlock();
      closeTo(at);
      continue;
    }
    if (BLOCK.has(name)) endBlock();
    if (name === 'p' || CLOSES_P.has(name)) {
      const openP = lastOpen('p');
      if (openP >= 0) closeTo(openP);
    }
    if (RAW_TEXT.has(name)) {
      // Skip to the end tag: a script's "</div>" or "<p>" is not markup.
      const end = new RegExp(`</${name}\\s*>`, 'gi');
      end.lastIndex = pos;
      const found = end.exec(html);
      pos = found ? end.lastIndex : n;
      continue;
    }
    if (name === 'body') {
      const head = lastOpen('head'); // an unclosed <head>
      if (head >= 0) closeTo(head);
    }
    if (VOID.has(name) || tag.endsWith('/>') || stack.length >= MAX_DEPTH) continue;
    const element = { name, id: nextId++ };
    stack.push(element);
    if (droppedNames.has(name)) dropped++;
    if (name === 'article' && !dropped && articles.length < MAX_ARTICLES) articles.push(element.id);
  }
  endBlock();
  return { blocks, articles };
}

/** A text block starting here: inside a <p> or <h1> when the nearest open block element is one. */
function startBlock(stack: readonly OpenElement[]): Block {
  let k = stack.length - 1;
  while (k >= 0 && !BLOCK.has(stack[k].name)) k--;
  const nearest = k >= 0 ? stack[k].name : null;
  return {
    text: '',
    path: stack.map((e) => e.id),
    container: nearest === 'p' ? (stack[k - 1]?.id ?? 0) : null,
    headline: nearest === 'h1',
  };
}

const MIN_STORY_CHARS = 200;
/** When dropping DROPPED leaves nothing (say, a page whose <header> is never closed). */
const ALWAYS_DROPPED = new Set(['script', 'style', 'noscript', 'template', 'svg', 'math', 'iframe', 'object']);

/** The story of an HTML page as plain text (see the rules at the top of this file). */
export function htmlToText(html: string): string {
  const story = storyOf(html, DROPPED);
  return (story || storyOf(html, ALWAYS_DROPPED)).trim();
}

function storyOf(html: string, droppedNames: ReadonlySet<string>): string {
  const { blocks, articles } = blocksOf(html, droppedNames);
  const length = (bs: Block[]) => bs.reduce((n, b) => n + b.text.length, 0);
  const withHeadline = (story: Block[], candidates: Block[]) => {
    const headline = candidates.find((b) => b.headline);
    return headline && !story.includes(headline) ? [headline, ...story] : story;
  };

  let story: Block[] = [];
  if (articles.length) {
    for (const id of articles) {
      const inside = blocks.filter((b) => b.path.includes(id));
      if (length(inside) > length(story)) story = inside;
    }
  }
  if (length(story) < MIN_STORY_CHARS) {
    // The container whose own paragraphs hold the most text.
    const byContainer = new Map<number, Block[]>();
    for (const b of blocks) {
      if (b.container === null) continue;
      const list = byContainer.get(b.container) ?? [];
      list.push(b);
      byContainer.set(b.container, list);
    }
    let best: Block[] = [];
    for (const list of byContainer.values()) if (length(list) > length(best)) best = list;
    if (length(best) > length(story)) {
      const first = blocks.indexOf(best[0]);
      story = withHeadline(best, blocks.slice(0, first).reverse());
    }
  } else {
    story = withHeadline(story, story);
  }
  if (!length(story)) story = blocks;
  return story.map((b) => b.text).join('\n');
}
