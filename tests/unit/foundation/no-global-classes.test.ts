import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

// Issue 14: every screen styles itself with the ui primitives and CSS Modules, not one global
// stylesheet. Two halves keep it so: no .tsx names a global class (a plain string in className),
// and the global CSS (ui/tokens.css, ui/base.css) has element selectors only, no classes. A screen
// that writes className="card" again, or a sheet that brings back `.card { … }`, fails here.

const ROOT = path.resolve(__dirname, '../../..');
const SRC = path.join(ROOT, 'renderer/src');

/**
 * Files allowed to name a global class, each with the reason. None today: every screen is on the
 * primitives and CSS Modules (issue 14). An entry whose file no longer names one fails the test.
 */
const ALLOWED_FILES: Record<string, string> = {};

/** The global sheets, and the class selectors each may have (none: a screen's classes are its module's). */
const GLOBAL_SHEETS: Record<string, readonly string[]> = {
  'renderer/src/ui/tokens.css': [],
  'renderer/src/ui/base.css': [],
};

/** The string class names a className expression contains: literals, template text, cx('a', …) arguments. */
function stringClassNames(source: string, fileName = 'x.tsx'): string[] {
  const file = ts.createSourceFile(fileName, source, ts.ScriptTarget.Latest, true, ts.ScriptKind.TSX);
  const found: string[] = [];
  // Follows the ways a class name reaches className: the value itself, either branch of a
  // condition, `a || b`, `on && 'x'`, template text, and cx(…)'s arguments. Other calls compute a
  // name (itemClass('account') returns a CSS Module class), and styles['with-dash'] is a module's.
  const collect = (node: ts.Node): void => {
    if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) {
      if (node.text.trim()) found.push(node.text.trim());
    } else if (ts.isTemplateExpression(node)) {
      for (const text of [node.head.text, ...node.templateSpans.map((span) => span.literal.text)]) if (text.trim()) found.push(text.trim());
      node.templateSpans.forEach((span) => collect(span.expression));
    } else if (ts.isJsxExpression(node) || ts.isParenthesizedExpression(node)) {
      if (node.expression) collect(node.expression);
    } else if (ts.isConditionalExpression(node)) {
      collect(node.whenTrue);
      collect(node.whenFalse);
    } else if (ts.isBinaryExpression(node)) {
      if (node.operatorToken.kind !== ts.SyntaxKind.AmpersandAmpersandToken) collect(node.left);
      collect(node.right);
    } else if (ts.isCallExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === 'cx') {
      node.arguments.forEach(collect);
    }
  };
  const visit = (node: ts.Node): void => {
    if (ts.isJsxAttribute(node) && node.name.getText(file) === 'className' && node.initializer) collect(node.initializer);
    ts.forEachChild(node, visit);
  };
  visit(file);
  return found;
}

/** The class names a stylesheet's selectors use (not numbers in values, not at-rule preludes). */
function cssClassSelectors(css: string): string[] {
  const text = css.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(["'])(?:\\.|(?!\1).)*\1/g, '""');
  const found: string[] = [];
  let buffer = '';
  for (const char of text) {
    if (char === '{') {
      const prelude = buffer.trim();
      if (!prelude.startsWith('@')) for (const match of prelude.matchAll(/\.(-?[_a-zA-Z][\w-]*)/g)) found.push(match[1]!);
      buffer = '';
    } else if (char === '}' || char === ';') {
      buffer = '';
    } else {
      buffer += char;
    }
  }
  return found;
}

function files(dir: string, test: (name: string) => boolean): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return files(full, test);
    return test(entry.name) ? [path.relative(ROOT, full).split(path.sep).join('/')] : [];
  });
}

describe('no global classes in the renderer', () => {
  it.each([
    ['<div className="card" />', ['card']],
    ["<div className={'card'} />", ['card']],
    ['<div className={`${styles.key} printable`} />', ['printable']],
    ["<button className={on ? 'tab active' : 'tab'} />", ['tab active', 'tab']],
    ["<Card className={cx('tile', styles.x)} />", ['tile']],
  ])('finds the global class in %s', (source, expected) => {
    expect(stringClassNames(source)).toEqual(expected);
  });

  it.each([
    '<div className={styles.card} />',
    "<div className={cx(styles.card, open && styles.open, styles['with-dash'])} />",
    '<div className={`${styles.a} ${styles.b}`} />',
    '<div title="card" data-kind="card" />',
    "<button className={`${itemClass('account')} ${styles.user}`} />",
  ])('accepts CSS Module classes in %s', (source) => {
    expect(stringClassNames(source)).toEqual([]);
  });

  it('reads class selectors, not values or at-rules', () => {
    expect(cssClassSelectors('.card { opacity: 0.5; }\nbody .x, a.y:hover { margin: .5em }')).toEqual(['card', 'x', 'y']);
    expect(cssClassSelectors('/* .old */ @media (min-width: 1.5em) { body { font: 1.2em/1.5 "a.b" } }\n*, *::before { box-sizing: border-box }')).toEqual([]);
  });

  it('no .tsx under renderer/src names a global class, except the listed files', () => {
    const offenders: Record<string, string[]> = {};
    for (const file of files(SRC, (name) => name.endsWith('.tsx'))) {
      const names = stringClassNames(fs.readFileSync(path.join(ROOT, file), 'utf8'), file);
      if (names.length > 0) offenders[file] = names;
    }
    const unlisted = Object.keys(offenders).filter((file) => !(file in ALLOWED_FILES));
    expect(unlisted.map((file) => `${file}: ${offenders[file]!.join(', ')}`)).toEqual([]);
    // A listed file that has moved to CSS Modules leaves the list.
    expect(Object.keys(ALLOWED_FILES).filter((file) => !(file in offenders))).toEqual([]);
  });

  it('the global sheets have no class selectors, and no other global sheet exists', () => {
    const sheets = files(SRC, (name) => name.endsWith('.css') && !name.endsWith('.module.css'));
    expect(sheets.sort()).toEqual(Object.keys(GLOBAL_SHEETS).sort());
    for (const [sheet, allowed] of Object.entries(GLOBAL_SHEETS)) {
      const classes = [...new Set(cssClassSelectors(fs.readFileSync(path.join(ROOT, sheet), 'utf8')))];
      expect({ sheet, extra: classes.filter((name) => !allowed.includes(name)) }).toEqual({ sheet, extra: [] });
      expect({ sheet, stale: allowed.filter((name) => !classes.includes(name)) }).toEqual({ sheet, stale: [] });
    }
  });

  it('index.html links no stylesheet: the renderer imports its CSS from main.tsx', () => {
    const html = fs.readFileSync(path.join(ROOT, 'renderer/index.html'), 'utf8');
    expect(html).not.toMatch(/rel=["']stylesheet["']/);
  });
});
