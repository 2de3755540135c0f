import type { Alert } from '../../src/core/alerts.ts';
import type { ClaimReport } from '../../src/core/claims/types.ts';

export const contradiction: ClaimReport = {
  sentence: 'Pyongyang has sent no troops to Russia, the North Korean foreign ministry said.',
  verdict: 'contradicts',
  reason: 'denies the deployment that NIS (2024-10-18) reports: 1,500 special forces sent to Russia',
  matches: [
    {
      claimId: 42,
      text: 'North Korea has sent 1,500 special forces troops to Russia',
      relation: 'contradicts',
      evidence: [
        { source: 'https://www.nis.example/press/2024-10-18', quote: 'sent 1,500', published: '2024-10-18T06:00:00Z' },
      ],
    },
  ],
};

export const newClaim: ClaimReport = {
  sentence: 'A second contingent of 1,500 arrived in Vladivostok.',
  verdict: 'new',
  reason: 'no known claim about this',
  matches: [],
};

export function alertWith(claims: ClaimReport[], over: Partial<Alert> = {}): Alert {
  return {
    verdict: 'contradicts',
    feed: { id: 1, title: 'Kursk Monitor <wire>', url: 'http://127.0.0.1:9/feed.xml' },
    item: {
      title: 'Pyongyang denies [sending] troops & munitions',
      link: 'http://127.0.0.1:9/items/1',
      published: '2024-10-21T08:00:00Z',
    },
    claims,
    ...over,
  };
}
