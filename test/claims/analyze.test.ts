import { describe, expect, it } from 'vitest';
import { analyzeDocument, tokenize } from '../../src/core/claims/index.ts';
import { parseQuantities } from '../../src/core/claims/quantity.ts';

const first = (text: string, extra: { title?: string; published?: string } = {}) => {
  const s = analyzeDocument({ text, ...extra })[0];
  if (!s) throw new Error(`no sentence in ${text}`);
  return s;
};

const range = (text: string) => {
  const q = parseQuantities(tokenize(text.toLowerCase()).filter((t) => t.trim()))[0];
  return q ? [q.min, q.max] : null;
};

describe('analyzeDocument: text into sentences', () => {
  it('GIVEN a seed with a date line, curly quotes and page furniture WHEN analyzed THEN furniture is off topic, quotes keep their typography and the date dates the claims', () => {
    const text =
      ' date 2024-10-15 North Korea’s leader Kim Jong Un sent troops to Russia.\nJOIN US ON TELEGRAM\nFollow our coverage of the war on the @Kyivpost_official.\n🌎\nComments';
    const out = analyzeDocument({ text });
    expect(out.map((s) => s.text)).toEqual([
      'North Korea’s leader Kim Jong Un sent troops to Russia.',
      'JOIN US ON TELEGRAM',
      'Follow our coverage of the war on the @Kyivpost_official.',
      '🌎',
      'Comments',
    ]);
    expect(out.map((s) => s.onTopic)).toEqual([true, false, false, false, false]);
    expect(out[0]?.frame.time).toBe('2024-10-15');
  });

  it('GIVEN an article repeated in full WHEN analyzed THEN each sentence is read once', () => {
    const para =
      'Pyongyang is sending soldiers to Russia. Kremlin spokesman Dmitry Peskov dismissed the reports as a hoax.';
    expect(analyzeDocument({ text: `${para}\n${para}` })).toHaveLength(2);
  });

  it('GIVEN "LIGA.net" inside a sentence WHEN split THEN the domain does not end the sentence', () => {
    const out = analyzeDocument({
      text: 'Earlier, LIGA.net, citing HUR, reported that North Korean soldiers are being trained.',
    });
    expect(out).toHaveLength(1);
  });

  it('GIVEN a short sentence under a title about captured North Korean soldiers WHEN analyzed THEN the title makes it on topic, and without the title it is not', () => {
    const text = 'He said he had been told he was going to a training exercise.';
    expect(first(text, { title: 'Ukraine captures two North Korean soldiers in Kursk' }).onTopic).toBe(true);
    expect(first(text).onTopic).toBe(false);
  });

  it('GIVEN other news WHEN analyzed THEN it is off topic', () => {
    expect(first('The central bank left interest rates unchanged on Thursday, citing easing inflation.').onTopic).toBe(
      false,
    );
    expect(first('Heavy rain caused flooding across southern Spain.').onTopic).toBe(false);
  });
});

describe('claim frames', () => {
  it('GIVEN the aliases DPRK, Pyongyang and Kim Jong Un’s regime WHEN read THEN they are one actor', () => {
    for (const who of ['The DPRK', 'Pyongyang', "Kim Jong Un's regime", 'North Korea']) {
      expect(first(`${who} has sent troops to Russia.`).frame.actor).toBe('dprk');
    }
  });

  it('GIVEN "send" with troops and with shells WHEN read THEN one is a deployment and the other a supply', () => {
    expect(first('North Korea sent 12,000 troops to Russia.').frame.action).toBe('deploy');
    expect(first('North Korea sent millions of artillery shells to Russia.').frame.action).toBe('supply');
  });

  it('GIVEN attributions WHEN read THEN the speaker is the source next to the speech verb, not one inside the reported clause', () => {
    expect(first("South Korea's spy agency said North Korea is sending 12,000 troops.").frame.attribution).toBe('nis');
    expect(first('Budanov said North Korean troops will fight in Kursk.').frame.attribution).toBe('hur');
    expect(
      first('Kremlin spokesman Dmitry Peskov dismissed the reports of North Korean troops as a hoax.').frame
        .attribution,
    ).toBe('kremlin');
  });

  it('GIVEN denials WHEN read THEN polarity is denied; GIVEN "not only … but also" THEN it stays asserted', () => {
    expect(
      first('Peskov dismissed claims of Pyongyang sending troops to fight in Ukraine as a hoax.').frame.polarity,
    ).toBe('denied');
    expect(first("Kyiv hasn't seen any North Korean units fighting yet.").frame.polarity).toBe('denied');
    expect(first('Ukraine has not detected any North Korean units operating in the country.').frame.polarity).toBe(
      'denied',
    );
    expect(first('North Korea is not only sending weapons but also deploying troops.').frame.polarity).toBe('asserted');
  });

  it('GIVEN a negation about Ukrainian forces WHEN read THEN nothing North Korean is denied', () => {
    const s = first(
      'The official said the first clashes took place on Monday and that Ukrainian units had suffered no losses.',
    );
    expect(s.frame.polarity).toBe('asserted');
    expect(s.frame.detail?.denied).toEqual([]);
  });

  it('GIVEN a hedge WHEN read THEN the claim is possible, not denied', () => {
    const s = first('A video allegedly showing North Korean soldiers training in Russia could not be verified.');
    expect(s.frame.polarity).toBe('asserted');
    expect(s.frame.modality).toBe('possible');
  });

  it('GIVEN places WHEN read THEN the most specific comes first with its parents', () => {
    expect(first('North Korean troops will serve near Sudzha.').frame.place).toEqual([
      'sudzha',
      'kursk',
      'russia_border',
      'russia',
    ]);
  });

  it('GIVEN a stated date WHEN read THEN it wins over the article date', () => {
    expect(first('Putin and Kim signed the pact on June 19.', { published: '2024-10-20' }).frame.time).toBe(
      '2024-06-19',
    );
    expect(first('Putin and Kim signed the pact.', { published: '2024-10-20' }).frame.time).toBe('2024-10-20');
  });

  it('GIVEN two paraphrases WHEN keyed THEN they share a canonical key', () => {
    const a = first('Pyongyang dispatched soldiers to Russia.').keys;
    const b = first('North Korea is deploying troops to Russia.').keys;
    expect(a.filter((k) => b.includes(k))).toContain('k:deploy|troops');
  });
});

describe('quantities as ranges', () => {
  it('GIVEN wire-copy figures WHEN parsed THEN each becomes the range claims.md gives it', () => {
    expect(range('12,000 troops')).toEqual([12000, 12000]);
    expect(range('more than 10,000 troops')).toEqual([10000, Number.POSITIVE_INFINITY]);
    expect(range('at least 2,600 troops')).toEqual([2600, Number.POSITIVE_INFINITY]);
    expect(range('up to 3,000 troops')).toEqual([1, 3000]);
    expect(range('no more than 500 soldiers')).toEqual([1, 500]);
    expect(range('several thousand infantrymen')).toEqual([2000, 7999]);
    expect(range('thousands of soldiers')).toEqual([2000, 99999]);
    expect(range('dozens of engineers')).toEqual([24, 199]);
    expect(range('approximately three thousand soldiers')).toEqual([2700, 3300]);
    expect(range('up to 100 000 volunteers')).toEqual([1, 100000]);
    expect(range('between 10,000 and 12,000 troops')).toEqual([10000, 12000]);
    expect(range('tens of thousands of troops')).toEqual([20000, 99999]);
    expect(range('around 60 percent of the shells')).toEqual([0.54, 0.66]);
    expect(range('nearly three million projectiles')).toEqual([2700000, 3000000]);
  });

  it('GIVEN years, dates and model numbers WHEN parsed THEN they are not figures', () => {
    expect(range('in 2024 on October 14 the KN-23 missile')).toBeNull();
  });
});

describe('tokenize', () => {
  it('GIVEN a sentence WHEN tokenized THEN it returns the normalized tokens the engine reads', () => {
    expect(tokenize("Kyiv hasn't seen them.")).toEqual(['kyiv', 'has', 'not', 'seen', 'them', '.']);
  });

  it('GIVEN empty text WHEN tokenized or analyzed THEN there is nothing', () => {
    expect(tokenize('')).toEqual([]);
    expect(analyzeDocument({ text: '' })).toEqual([]);
  });
});

describe('more ways wire copy writes a figure', () => {
  it('GIVEN "as few as", "a handful", "a thousand" WHEN parsed THEN each is a range', () => {
    expect(range('as few as 500 troops')).toEqual([450, 550]);
    expect(range('a handful of officers')).toEqual([2, 9]);
    expect(range('more than a thousand containers')).toEqual([1000, Number.POSITIVE_INFINITY]);
  });

  it('GIVEN "a" before a word that is no multiple WHEN parsed THEN it is no figure', () => {
    expect(range('a battalion of troops')).toBeNull();
  });

  it('GIVEN a range written with a hyphen WHEN analyzed THEN it is read as one range', () => {
    const q = first('Some 11,000-12,000 North Korean troops are in Russia, Kyiv said.').frame.detail?.quantities[0];
    expect([q?.min, q?.max]).toEqual([11000, 12000]);
  });

  it('GIVEN a date written with hyphens WHEN analyzed THEN it is no range of troops', () => {
    const qs = first('On 2024-10-18 North Korean troops arrived in Russia, Kyiv said.').frame.detail?.quantities ?? [];
    expect(qs).toEqual([]);
  });
});
