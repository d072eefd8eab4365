// Unit tests of src/io: decoding bytes from the wild, HTML article text, the
// Arabic check, dates, the folder-walk rule, sharding, CSV cells, and the
// streaming input reader.
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { decodeDocument, firstInvalidUtf8, InputError } from '../src/io/decode.js';
import { decodeEntities, htmlToText, looksLikeHtml } from '../src/io/html.js';
import { parseDocDate, readInputs, walkReads, type InputItem, type InputOptions } from '../src/io/inputs.js';
import { checkArabic } from '../src/io/language.js';
import { CSV_COLUMNS, eventCells } from '../src/io/records.js';
import { ownsKey, parseShard, shardOf } from '../src/io/shard.js';
import type { AttackEvent } from '../src/types.js';
import { tempDir } from './cli-helpers.js';

const ARABIC = 'قتل خمسة أشخاص وأصيب عشرة آخرون في انفجار سيارة مفخخة في بغداد أمس.';

/** Windows-1256 bytes of Arabic text (inverse of the decoder's table, for the letters used). */
function cp1256(text: string): Buffer {
  const decoder = new TextDecoder('windows-1256');
  const table = new Map<string, number>();
  for (let b = 0; b < 256; b++) table.set(decoder.decode(new Uint8Array([b])), b);
  return Buffer.from([...text].map((ch) => table.get(ch) ?? 0x3f));
}

function utf16be(text: string): Buffer {
  const le = Buffer.from(text, 'utf16le');
  for (let i = 0; i < le.length; i += 2) [le[i], le[i + 1]] = [le[i + 1], le[i]];
  return le;
}

describe('decodeDocument', () => {
  it.each([
    ['UTF-8', Buffer.from(ARABIC), 'utf-8'],
    ['UTF-8 with BOM', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(ARABIC)]), 'utf-8'],
    ['UTF-16 LE with BOM', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(ARABIC, 'utf16le')]), 'utf-16le'],
    ['UTF-16 BE with BOM', Buffer.concat([Buffer.from([0xfe, 0xff]), utf16be(ARABIC)]), 'utf-16be'],
    ['UTF-16 LE without BOM', Buffer.from(`${ARABIC} Reuters 2015`, 'utf16le'), 'utf-16le'],
    ['Windows-1256', cp1256(ARABIC), 'windows-1256'],
  ])('%s decodes to the same text', (_, bytes, encoding) => {
    const decoded = decodeDocument(bytes);
    expect(decoded.encoding).toBe(encoding);
    expect(decoded.text.startsWith(ARABIC)).toBe(true);
  });

  it.each([
    ['ب', 1],
    ['\u200f', 1], // right-to-left mark, 3 bytes in UTF-8
    ['\u200f', 2],
  ])('reads UTF-8 cut off inside its last character (%j, after %i byte) as UTF-8, with a note', (last, kept) => {
    const bytes = Buffer.from(ARABIC + ' ' + last);
    const decoded = decodeDocument(bytes.subarray(0, bytes.length - Buffer.byteLength(last) + kept));
    expect(decoded.encoding).toBe('utf-8');
    expect(decoded.text).toBe(ARABIC + ' ');
    expect(decoded.notes).toEqual(['a character cut off at the end of the file (truncated?), dropped']);
  });

  it('keeps CRLF line ends (offsets index the decoded file)', () => {
    expect(decodeDocument(Buffer.from('سطر\r\nسطر')).text).toBe('سطر\r\nسطر');
  });

  it('drops a few stray NUL bytes, with a note', () => {
    const decoded = decodeDocument(Buffer.concat([Buffer.from(ARABIC), Buffer.from([0, 0])]));
    expect(decoded.text).toBe(ARABIC);
    expect(decoded.notes).toEqual(['2 NUL character(s) removed']);
  });

  it.each([
    ['NUL-heavy data', Buffer.from(Array.from({ length: 2000 }, (_, i) => (i % 3 ? 0 : i % 256))), /binary file/],
    ['random bytes', Buffer.from(Array.from({ length: 4000 }, (_, i) => (i * 7919 + 13) % 256)), /binary file/],
    ['Latin-1 French', Buffer.from('Le ministère a déclaré à la presse que les négociations reprendront.', 'latin1'), /not UTF-8 text \(bad byte 0xE8 at offset 9\) nor Windows-1256/],
  ])('refuses %s', (_, bytes, message) => {
    expect(() => decodeDocument(bytes)).toThrow(InputError);
    expect(() => decodeDocument(bytes)).toThrow(message);
  });

  it.each([
    [[0x61, 0x62], -1],
    [[0xd8, 0xa7, 0xff], 2],
    [[0xe2, 0x82], 0], // cut off
    [[0xc0, 0xaf], 0], // overlong
    [[0xed, 0xa0, 0x80], 0], // surrogate
  ])('firstInvalidUtf8(%j) = %d', (bytes, at) => {
    expect(firstInvalidUtf8(Uint8Array.from(bytes))).toBe(at);
  });
});

describe('htmlToText', () => {
  const page = (body: string) => `<!DOCTYPE html><html><head><title>موقع | خبر</title><style>p{color:red}</style></head><body>${body}</body></html>`;
  const story = 'أعلنت وزارة الداخلية اليوم مقتل ثلاثة مسلحين في اشتباك مع قوات الأمن شمال البلاد. '.repeat(3);

  it.each([
    [
      'the <article>, without menus, scripts and footer',
      page(`<nav><a>الرئيسية</a><a>رياضة</a></nav><header><h1>الموقع</h1></header><article><h1>مقتل ثلاثة مسلحين</h1><p>${story}</p><p>وقال المتحدث &quot;إن العملية مستمرة&quot;.</p></article><script>var x = "<p>لا</p>";</script><footer>حقوق النشر</footer>`),
      `مقتل ثلاثة مسلحين\n${story.trim()}\nوقال المتحدث "إن العملية مستمرة".`,
    ],
    [
      'the container with the most paragraph text, headed by the last <h1> before it',
      page(`<div class="side"><p>اقرأ أيضا</p></div><h1>مقتل ثلاثة مسلحين</h1><div class="body"><p>${story}</p><p>فقرة ثانية&nbsp;قصيرة.</p></div><aside><p>${'إعلان '.repeat(10)}</p></aside>`),
      `مقتل ثلاثة مسلحين\n${story.trim()}\nفقرة ثانية قصيرة.`,
    ],
    [
      'unclosed <p> tags and <br> inside a paragraph',
      page(`<div><p>${story}<p>سطر أول<br>سطر ثان</div>`),
      `${story.trim()}\nسطر أول\nسطر ثان`,
    ],
    ['a page without paragraphs: its text, block by block', page('<div>خبر عاجل</div><div>انفجار في بغداد</div>'), 'خبر عاجل\nانفجار في بغداد'],
    ['an unclosed <header> that swallows the page', page(`<header><p>${story}</p>`), story.trim()],
  ])('%s', (_, html, expected) => {
    expect(htmlToText(html)).toBe(expected);
  });

  it.each([
    ['&amp;&lt;&gt;', '&<>'],
    ['&#1575;&#x644;', 'ال'],
    ['&laquo;داعش&raquo;', '«داعش»'],
    ['&unknown; & alone', '&unknown; & alone'],
    ['&#0; &#xD800;', '\uFFFD \uFFFD'],
  ])('decodeEntities(%j) = %j', (raw, text) => {
    expect(decodeEntities(raw)).toBe(text);
  });

  it.each([
    ['<!DOCTYPE html><html>', true],
    ['  <html lang="ar">', true],
    ['<!-- saved page --><html>', true],
    ['<b>عاجل</b> انفجار', false],
    [ARABIC, false],
  ])('looksLikeHtml(%j) = %s', (head, expected) => {
    expect(looksLikeHtml(head)).toBe(expected);
  });

  it.each([
    ['unclosed tags', '<div class="x'],
    ['nested unclosed elements', '<div><span>نص '],
    ['stray "<"', 'أ < ب '],
    ['stray end tags', '</section>'],
    ['an endless comment', '<!-- '],
  ])('is linear on a page of %s (1 MB within 30× of 100 KB)', (_, unit) => {
    // The best of three runs, so a garbage collection does not decide the test.
    const time = (size: number) => {
      const html = '<p>' + unit.repeat(Math.ceil(size / unit.length));
      let best = Infinity;
      for (let run = 0; run < 3; run++) {
        const t = performance.now();
        htmlToText(html);
        best = Math.min(best, performance.now() - t);
      }
      return best;
    };
    // Under 50 ms, start-up effects and other processes decide the time, not the input.
    const small = Math.max(time(100_000), 50);
    expect(time(1_000_000) / small).toBeLessThan(30);
  });
});

describe('checkArabic', () => {
  const english = 'The ministry said on Tuesday that talks would resume next week in Geneva, officials told reporters. ';
  it.each([
    ['an Arabic article', ARABIC.repeat(5), true],
    ['Arabic quoting English names', `${ARABIC} وقال متحدث باسم Pentagon و CENTCOM إن ISIS تبنى الهجوم. `.repeat(3), true],
    ['a short Arabic headline', 'انفجار في بغداد', true],
    ['Arabic with scraped JavaScript', `${ARABIC.repeat(6)} ${'jQuery(function(){ chart.render({ location: "s", marginTop: "0px" }); });'.repeat(8)}`, true],
    ['English', english.repeat(3), false],
    ['English with an Arabic headline', `عاجل: رمضان في تونس ${english.repeat(4)}`, false],
    ['French', 'Le ministère a déclaré mardi que les négociations reprendront la semaine prochaine à Genève.', false],
    ['digits and punctuation only', '2015-07-21 12:00 — 100%', false],
    ['Persian', 'این یک متن فارسی است که برای آزمایش نوشته شده است و باید به عنوان زبان فارسی شناخته شود. '.repeat(6), false],
  ])('%s', (_, text, arabic) => {
    expect(checkArabic(text).arabic).toBe(arabic);
  });

  it('names the language it saw', () => {
    expect(checkArabic(english.repeat(3)).reason).toMatch(/looks like eng/);
  });
});

describe('parseDocDate', () => {
  it.each([
    ['2015-07-21', '2015-07-21'],
    ['2015-07-21T09:30:00Z', '2015-07-21'],
    ['2015-07-21 09:30', '2015-07-21'],
    ['2024-02-29', '2024-02-29'],
    ['2023-02-29', null],
    ['21/07/2015', null],
    ['2015-7-21', null],
    ['yesterday', null],
  ])('%j → %j', (value, date) => {
    expect(parseDocDate(value)).toBe(date);
  });
});

describe('what a folder walk reads', () => {
  it.each([
    ['article.txt', true],
    ['news.jsonl', true],
    ['news.ndjson', true],
    ['news.jsonl.gz', true],
    ['page.html', true],
    ['page.HTM', true],
    ['README', true],
    ['dump.gz', true],
    ['gold.json', false],
    ['events.csv', false],
    ['photo.jpg', false],
    ['archive.tar.gz', false],
    ['.hidden.txt', false],
  ])('%s → %s', (name, read) => {
    expect(walkReads(name)).toBe(read);
  });
});

describe('--shard', () => {
  it.each([
    ['1/1', { index: 1, count: 1 }],
    ['2/8', { index: 2, count: 8 }],
    ['0/8', null],
    ['9/8', null],
    ['2', null],
    ['a/b', null],
  ])('parseShard(%j)', (value, shard) => {
    expect(parseShard(value)).toEqual(shard);
  });

  it('every id belongs to exactly one of N shards, and shards are balanced', () => {
    const ids = Array.from({ length: 3000 }, (_, i) => `snn-2015-07-21-${i}`);
    const owners = [1, 2, 3].map((k) => ownsKey({ index: k, count: 3 }));
    const counts = [0, 0, 0];
    for (const id of ids) {
      const owning = owners.map((owns) => owns(id));
      expect(owning.filter(Boolean)).toHaveLength(1);
      counts[owning.indexOf(true)]++;
    }
    for (const c of counts) expect(c).toBeGreaterThan(850);
    expect(shardOf('snn-1', 1000)).toBe(shardOf('snn-1', 1000));
  });
});

describe('CSV cells', () => {
  const event: AttackEvent = {
    doc: 'a.txt', doc_date: '2024-08-06', n: 2, type: 'attack', status: 'occurred',
    attacker: [{ text: 'داعش', norm: 'داعش', label: 'GROUP' }],
    target: [{ text: 'قاعدة عين الأسد', norm: 'قاعده عين اسد', label: 'FAC' }, { text: 'جنود', norm: 'جنود', label: 'OTHER' }],
    location: [{ text: 'الأنبار', norm: 'انبار', label: 'GPE', country: 'IQ', lat: 33.4, lon: 42.9 }, { text: 'هيت', norm: 'هيت', label: 'GPE', country: null, lat: null, lon: null }],
    time: { text: 'أمس', value: '2024-08-05', grain: 'day' },
    weapon: [{ text: 'صاروخين', category: 'rocket', count: 2 }],
    killed: 0, wounded: null, evidence: [{ start: 0, end: 5, text: 'قصف, "عاجل"' }], confidence: 0.9,
  };
  it('one cell per column; multi-valued cells joined with " | "; nulls empty', () => {
    const cells = Object.fromEntries(eventCells(event).map((c, i) => [CSV_COLUMNS[i], c]));
    expect(cells).toEqual({
      doc: 'a.txt', doc_date: '2024-08-06', n: '2', status: 'occurred',
      attacker: 'داعش', attacker_norm: 'داعش', target: 'قاعدة عين الأسد | جنود',
      location: 'الأنبار | هيت', location_country: 'IQ | ', location_lat: '33.4 | ', location_lon: '42.9 | ',
      time_text: 'أمس', time_value: '2024-08-05', time_grain: 'day',
      weapon: 'صاروخين', weapon_category: 'rocket', weapon_count: '2',
      killed: '0', wounded: '', confidence: '0.9', evidence: 'قصف, "عاجل"',
    });
  });
});

async function collect(inputs: string[], overrides: Partial<InputOptions> = {}): Promise<InputItem[]> {
  const items: InputItem[] = [];
  const options: InputOptions = {
    fields: { id: 'id', text: 'text', date: 'date' },
    maxDocSize: 1 << 20,
    owns: () => true,
    stdin: Readable.from([]),
    exclude: new Set(),
    ...overrides,
  };
  for await (const item of readInputs(inputs, options)) items.push(item);
  return items;
}

const summary = (items: InputItem[]) =>
  items.map((i) => (i.kind === 'doc' ? `doc ${i.where} ${i.doc.id} ${i.doc.date ?? '-'}` : `${i.level} ${i.where}: ${i.message}`));

describe('readInputs', () => {
  it('JSON Lines: BOM, CRLF, blank lines, numeric ids, missing ids, bad dates, over-long lines', async () => {
    const dir = tempDir();
    const lines = [
      '\uFEFF' + JSON.stringify({ id: 7, text: ARABIC, date: '2015-07-21' }),
      '',
      JSON.stringify({ text: ARABIC, date: '21/07/2015' }),
      JSON.stringify({ id: 'long', text: 'ب'.repeat(400) }),
      JSON.stringify({ id: 'last', text: ARABIC }),
    ];
    writeFileSync(join(dir, 'a.jsonl'), lines.join('\r\n'));
    const items = await collect([join(dir, 'a.jsonl')], { maxDocSize: 500 });
    expect(summary(items)).toEqual([
      `doc ${dir}/a.jsonl:1 7 2015-07-21`,
      `doc ${dir}/a.jsonl:3 ${dir}/a.jsonl:3 -`,
      // 824 bytes: the line with its \r
      `skip ${dir}/a.jsonl:4: line of 824 bytes, larger than --max-doc-size 500 bytes, skipped`,
      `doc ${dir}/a.jsonl:5 last -`,
    ]);
    expect((items[1] as { notes: string[] }).notes).toEqual(['"date" "21/07/2015" is not a YYYY-MM-DD date; ignored']);
  });

  it('gzip\'d JSON Lines, by extension and by magic bytes; corrupt gzip is an error after the lines it gave', async () => {
    const dir = tempDir();
    const gz = gzipSync(Buffer.from([1, 2, 3].map((i) => JSON.stringify({ id: `d${i}`, text: ARABIC })).join('\n')));
    writeFileSync(join(dir, 'a.jsonl.gz'), gz);
    writeFileSync(join(dir, 'b'), gz);
    writeFileSync(join(dir, 'c.jsonl.gz'), gz.subarray(0, gz.length - 12));
    const items = summary(await collect([join(dir, 'a.jsonl.gz'), join(dir, 'b'), join(dir, 'c.jsonl.gz')]));
    expect(items.slice(0, 6)).toEqual([1, 2, 3, 1, 2, 3].map((i, k) => `doc ${dir}/${k < 3 ? 'a.jsonl.gz' : 'b'}:${i} d${i} -`));
    expect(items.at(-1)).toMatch(new RegExp(`^error ${dir}/c.jsonl.gz: cannot read: (gzip data is corrupt|unexpected end of file)`));
  });

  it('a folder: sorted, recursive, hidden and unknown files passed over, symlink loops and duplicates read once', async () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'b'));
    mkdirSync(join(dir, '.git'));
    writeFileSync(join(dir, 'b', 'z.txt'), ARABIC);
    writeFileSync(join(dir, 'a.txt'), ARABIC);
    writeFileSync(join(dir, 'c.html'), `<html><body><p>${ARABIC}</p></body></html>`);
    writeFileSync(join(dir, '.git', 'x.txt'), ARABIC);
    writeFileSync(join(dir, 'gold.json'), '{}');
    symlinkSync(dir, join(dir, 'b', 'loop')); // b/loop → the folder itself
    symlinkSync(join(dir, 'a.txt'), join(dir, 'd.txt'));
    symlinkSync(join(dir, 'nowhere.txt'), join(dir, 'e.txt'));
    const items = await collect([dir]);
    expect(summary(items)).toEqual([
      `doc ${dir}/a.txt ${dir}/a.txt -`,
      `warning ${dir}/b/loop: folder already read (a symbolic link loop?), not read again`,
      `doc ${dir}/b/z.txt ${dir}/b/z.txt -`,
      `doc ${dir}/c.html ${dir}/c.html -`,
      `warning ${dir}/d.txt: same file as ${dir}/a.txt, not read twice`,
      `error ${dir}/e.txt: cannot read: no such file or folder`,
    ]);
    expect((items[3] as { doc: { text: string } }).doc.text).toBe(ARABIC);
  });

  it('a plain text file over --max-doc-size is refused without reading it', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'big.txt'), 'ب'.repeat(3000));
    expect(summary(await collect([join(dir, 'big.txt')], { maxDocSize: 5000 }))).toEqual([
      `skip ${dir}/big.txt: 5.9 KB, larger than --max-doc-size 4.9 KB, skipped`,
    ]);
  });

  it('stdin is sniffed: JSON Lines, HTML, or text', async () => {
    const run = (text: string) => collect(['-'], { stdin: Readable.from([Buffer.from(text)]) });
    expect(summary(await run(`\n  ${JSON.stringify({ id: 'x', text: ARABIC })}\n`))).toEqual(['doc stdin:2 x -']);
    const html = await run(`<!doctype html><html><body><p>${ARABIC}</p></body></html>`);
    expect((html[0] as { doc: { text: string } }).doc.text).toBe(ARABIC);
    expect(summary(await run(ARABIC))).toEqual(['doc stdin stdin -']);
  });

  it('sharding picks documents by id, problems by place', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'a.jsonl'), Array.from({ length: 40 }, (_, i) => JSON.stringify({ id: `d${i}`, text: ARABIC })).join('\n'));
    const all = summary(await collect([join(dir, 'a.jsonl')]));
    const parts = await Promise.all([1, 2, 3].map(async (k) => summary(await collect([join(dir, 'a.jsonl')], { owns: ownsKey({ index: k, count: 3 }) }))));
    expect(parts.every((p) => p.length > 0 && p.length < 40)).toBe(true);
    expect(parts.flat().sort()).toEqual([...all].sort());
  });
});
