import assert from 'node:assert/strict';
import { test } from 'node:test';
import { renderBody } from './body.js';

test('a news body keeps paragraphs, headings, lists and links, and drops everything else', () => {
  assert.equal(
    renderBody('# Rubrik\n\nEtt stycke med **fetstil** och [en länk](https://www.boras.se).\n\n- ett\n- två'),
    '<h2>Rubrik</h2>\n<p>Ett stycke med <strong>fetstil</strong> och <a href="https://www.boras.se" rel="nofollow noopener">en länk</a>.</p>\n<ul>\n<li>ett</li>\n<li>två</li>\n</ul>',
  );
  const hostile = [
    '<script>alert(1)</script>',
    '<img src=x onerror=alert(1)>',
    '<p onclick="alert(1)">klick</p>',
    '[lura](javascript:alert(1))',
    '[lura](JaVaScRiPt&#58;alert(1))',
    '<a href="javascript:alert(1)">a</a>',
    '<iframe src="https://evil.example"></iframe>',
    '<style>body{display:none}</style>',
    '<span style="position:fixed">x</span>',
    '![bild](https://evil.example/x.png)',
    '<svg onload=alert(1)>',
    '[data](data:text/html;base64,PHNjcmlwdD4=)',
  ].join('\n\n');
  const html = renderBody(hostile);
  for (const bad of [
    /<script/i,
    /onerror/i,
    /onclick/i,
    /javascript/i,
    /<iframe/i,
    /<style/i,
    /style=/i,
    /<img/i,
    /<svg/i,
    /onload/i,
    /data:/i,
    /alert\(1\)<\/script/,
  ])
    assert.doesNotMatch(html, bad, `${bad} in ${html}`);
});
