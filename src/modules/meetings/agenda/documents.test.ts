import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { createTestApp, text } from '../../../../test/helpers/app.js';
import { engines } from '../../../../test/helpers/db.js';
import { addMeeting, demoMeeting, postFile } from '../../../../test/helpers/meetings.js';
import { simplePdf } from '../../../demo/pdf.js';

const DAY = 24 * 3600_000;

for (const engine of engines) {
  describe(`meeting documents on ${engine}`, () => {
    test('a secretary attaches documents; their kind and size are checked; members-only ones are hidden from others', async (t) => {
      const ta = await createTestApp(t, engine);
      const slug = await addMeeting(ta, 'fristad', {
        title: 'Möte med handlingar',
        startsAt: new Date(Date.now() + 3 * DAY),
        endsAt: new Date(Date.now() + 3 * DAY + 3600_000),
        agenda: [{ title: 'Budget' }],
      });
      const s = await ta.client().signIn('sekreterare@boras.example');
      const from = `/moten/${slug}/dagordning`;
      const itemId = /<option value="([0-9a-f-]{36})">Punkt 1: Budget/.exec((await s.get(from)).body)?.[1] as string;
      assert.ok(itemId);

      const none = await postFile(ta, s, `/moten/${slug}/dokument`, from, { agendaItemId: '', isPublic: 'on' }, null);
      assert.equal(none.statusCode, 422);
      assert.match(text(none.body), /Välj en fil/);
      const fake = await postFile(
        ta,
        s,
        `/moten/${slug}/dokument`,
        from,
        { agendaItemId: itemId, isPublic: 'on' },
        {
          name: 'budget.pdf',
          type: 'application/pdf',
          data: Buffer.from('<html><script>alert(1)</script></html>'),
        },
      );
      assert.equal(fake.statusCode, 422, 'a file is judged by its contents, not its name');
      assert.match(text(fake.body), /Den sortens fil går inte att ladda upp/);
      assert.match(fake.body, new RegExp(`<option value="${itemId}" selected>`), 'the chosen agenda item is kept');
      const huge = await postFile(
        ta,
        s,
        `/moten/${slug}/dokument`,
        from,
        { agendaItemId: '', isPublic: 'on' },
        {
          name: 'stor.pdf',
          type: 'application/pdf',
          data: Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(11 * 1024 * 1024, 32)]),
        },
      );
      assert.equal(huge.statusCode, 413);
      assert.match(text(huge.body), /Filen är för stor\. Den får vara högst 10 MB/);

      const pdf = Buffer.from(simplePdf(['Budget 2027']));
      const internal = await postFile(
        ta,
        s,
        `/moten/${slug}/dokument`,
        from,
        { agendaItemId: itemId },
        { name: '../../etc/Budget 2027.pdf', type: 'application/pdf', data: pdf },
      );
      assert.equal(internal.statusCode, 303);
      const pub = await postFile(
        ta,
        s,
        `/moten/${slug}/dokument`,
        from,
        { agendaItemId: '', isPublic: 'on' },
        { name: 'kallelse.pdf', type: 'application/pdf', data: pdf },
      );
      assert.equal(pub.statusCode, 303);

      const page = (await s.get(`/moten/${slug}`)).body;
      assert.match(text(page), /Budget 2027\.pdf/, 'a path in the name is removed');
      assert.doesNotMatch(page, /etc\//, 'no folder of the uploader’s survives');
      const internalHref = /href="(\/moten\/[^"]+\/dokument\/[0-9a-f-]{36})">Budget 2027\.pdf/.exec(page)?.[1] as string;
      const publicHref = /href="(\/moten\/[^"]+\/dokument\/[0-9a-f-]{36})">kallelse\.pdf/.exec(page)?.[1] as string;
      assert.ok(internalHref && publicHref);

      const visitor = ta.client();
      assert.doesNotMatch(text((await visitor.get(`/moten/${slug}`)).body), /Budget 2027\.pdf/);
      assert.equal((await visitor.get(internalHref)).statusCode, 404, 'a members-only document does not exist for a visitor');
      const member = await ta.client().signIn('invanare@boras.example');
      const got = await member.get(internalHref);
      assert.equal(got.statusCode, 200);
      assert.equal(got.headers['content-type'], 'application/pdf');
      assert.equal(got.headers['x-content-type-options'], 'nosniff');
      assert.match(String(got.headers['content-security-policy']), /sandbox/);
      assert.match(String(got.headers['content-disposition']), /filename\*=UTF-8''Budget%202027\.pdf/);
      assert.equal(Buffer.compare(got.rawPayload, pdf), 0, 'the stored bytes come back unchanged');
      assert.equal((await visitor.get(publicHref)).statusCode, 200);

      const id = /dokument\/([0-9a-f-]{36})\/ta-bort"[^>]*>(?:(?!<\/form>)[\s\S])*Ta bort kallelse\.pdf/.exec((await s.get(from)).body)?.[1];
      assert.ok(id);
      assert.equal((await member.post(`/moten/${slug}/dokument/${id}/ta-bort`, {}, { from: '/mina-moten' })).statusCode, 403);
      assert.equal((await s.post(`/moten/${slug}/dokument/${id}/ta-bort`, {}, { from })).statusCode, 303);
      assert.equal((await visitor.get(publicHref)).statusCode, 404);
    });

    test('a demo meeting’s members-only document is not served to others', async (t) => {
      const ta = await createTestApp(t, engine);
      const slug = await demoMeeting(ta, 'fristad', 'next');
      const member = await ta.client().signIn('invanare@boras.example');
      const href = /href="(\/moten\/[^"]+\/dokument\/[0-9a-f-]{36})">underlag-budget\.pdf/.exec((await member.get(`/moten/${slug}`)).body)?.[1] as string;
      assert.ok(href);
      assert.equal((await ta.client().get(href)).statusCode, 404);
      assert.equal(
        (
          await ta
            .client()
            .signIn('handlaggare@boras.example')
            .then((c) => c.get(href))
        ).statusCode,
        404,
      );
    });
  });
}
