import { describe, expect, it } from 'vitest';
import { toMrkdwn, truncate } from '../../src/platforms/slack/mrkdwn.ts';
import { renderAlert } from '../../src/platforms/slack/render-alert.ts';
import { renderReply } from '../../src/platforms/slack/render-reply.ts';
import { blockProblem } from '../fakes/slack/slack-web-api.ts';
import { alertWith, contradiction, newClaim } from './alert-fixtures.ts';

describe('neutral mark-up → Slack mrkdwn', () => {
  it('translates bold, links and code, escapes &, < and >, keeps channel mentions (when allowed) and quotes', () => {
    const neutral = '**#3** [Kursk <wire>](https://a.example/x?a=1&b=2) uses `a<b` & <#C0123ABC>\n> quoted';
    expect(toMrkdwn(neutral, { channelMentions: true })).toBe(
      '*#3* <https://a.example/x?a=1&b=2|Kursk &lt;wire&gt;> uses `a&lt;b` &amp; <#C0123ABC>\n> quoted',
    );
    expect(toMrkdwn(neutral)).toContain('&amp; &lt;#C0123ABC&gt;');
    expect(toMrkdwn('<@U0ONE> <!here>', { channelMentions: true })).toBe('&lt;@U0ONE&gt; &lt;!here&gt;');
  });

  it('truncates visibly and never inside a link or an entity', () => {
    const text = `${'a'.repeat(20)} <https://a.example/long|label> tail`;
    const cut = truncate(text, 30);
    expect(cut).toBe(`${'a'.repeat(20)} …`);
    expect(truncate('x &amp; y', 5)).toBe('x …');
    expect(truncate('short', 10)).toBe('short');
  });
});

describe('renderAlert', () => {
  it('GIVEN a contradiction THEN header, linked item, the claim, the known claim with source and reason, context', () => {
    const msg = renderAlert(alertWith([contradiction, newClaim]));
    expect(blockProblem(msg.blocks)).toBeNull();
    const json = JSON.stringify(msg.blocks);
    expect(msg.blocks[0]).toMatchObject({ type: 'header', text: { text: ':red_circle: Contradicts a known claim' } });
    expect(json).toContain('<http://127.0.0.1:9/items/1|Pyongyang denies (sending) troops &amp; munitions>');
    expect(json).toContain('Pyongyang has sent no troops to Russia');
    expect(json).toContain('Contradicts #42:* North Korea has sent 1,500 special forces troops to Russia');
    expect(json).toContain('<https://www.nis.example/press/2024-10-18|nis.example>, 2024-10-18');
    expect(json).toContain('*Why:* denies the deployment');
    const ctx = msg.blocks.at(-1);
    expect(ctx?.type).toBe('context');
    expect(JSON.stringify(ctx)).toContain('Kursk Monitor &lt;wire&gt;');
    expect(JSON.stringify(ctx)).toContain('Published 2024-10-21');
    expect(msg.text).toContain('Contradicts a known claim');
    expect(msg.text).toContain('Pyongyang has sent no troops');
  });

  it('GIVEN 80 very long claims THEN stays within 50 blocks and 3,000 characters and says what was left out', () => {
    const long = { ...contradiction, sentence: `${'Troops moved to Kursk. '.repeat(400)}` };
    const msg = renderAlert(
      alertWith(
        Array.from({ length: 80 }, () => long),
        { item: { title: 'T'.repeat(400), link: null, published: null } },
      ),
    );
    expect(msg.blocks.length).toBeLessThanOrEqual(50);
    expect(blockProblem(msg.blocks)).toBeNull();
    const json = JSON.stringify(msg.blocks);
    expect(json).toContain('(truncated)');
    expect(json).toMatch(/more claims not shown/);
    expect(msg.text.length).toBeLessThanOrEqual(3000);
  });
});

describe('renderReply', () => {
  it('GIVEN an ephemeral error THEN ephemeral with a warning; GIVEN a public reply THEN in_channel', () => {
    const err = renderReply({ ephemeral: true, tone: 'error', title: 'Sorry', text: 'No **feed** #9' });
    expect(err.response_type).toBe('ephemeral');
    expect(err.text).toBe(':warning: Sorry: No *feed* #9');
    const pub = renderReply({ ephemeral: false, text: 'x', fields: [{ name: 'A', value: '[b](https://b.example)' }] });
    expect(pub.response_type).toBe('in_channel');
    expect(JSON.stringify(pub.blocks)).toContain('*A*\\n<https://b.example|b>');
  });

  it('GIVEN a reply far over the limits THEN splits into sections and caps at 50 blocks', () => {
    const reply = renderReply({
      ephemeral: true,
      text: Array.from({ length: 400 }, (_, i) => `line ${i} ${'x'.repeat(200)}`).join('\n'),
      fields: Array.from({ length: 60 }, (_, i) => ({ name: `f${i}`, value: 'v' })),
    });
    expect(reply.blocks.length).toBe(50);
    expect(blockProblem(reply.blocks)).toBeNull();
    expect(JSON.stringify(reply.blocks.at(-1))).toContain('more parts not shown');
  });
});
