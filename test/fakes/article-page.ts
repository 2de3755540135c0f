/**
 * A news article page as a site serves it: navigation, the article (a headline and one paragraph per sentence, long
 * enough for readability to find it), a subscribe footer and a script, which extraction must leave out.
 */
const FILLER =
  'The report could not be independently verified, and officials in Moscow and Pyongyang did not answer questions about it on Friday.';

export function articlePage(title: string, sentences: readonly string[]): string {
  const paragraphs = sentences.map((s) => `<p>${s} ${FILLER}</p>`).join('\n');
  return `<!doctype html><html><head><title>${title} | Loopback News</title></head><body>
<nav><a href="/">Home</a> <a href="/world">World</a></nav>
<article><h1>${title}</h1>
${paragraphs}
</article>
<footer>Subscribe to our newsletter for daily updates.</footer><script>analytics()</script></body></html>`;
}
