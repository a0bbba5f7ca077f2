// Reads feed URLs with @extractus/feed-extractor, a JSON Feed, RSS and Atom reader from the npm
// registry that Gazette's authors did not write, and prints what it understood as JSON keyed by URL.
// An error is printed in place of that URL's result, so one bad feed does not hide the others.
import { extract } from "@extractus/feed-extractor";

const results = {};
for (const url of process.argv.slice(2)) {
  try {
    results[url] = await extract(url, {
      descriptionMaxLen: 0,
      getExtraEntryFields: (entry) => ({ attachments: entry.attachments ?? [] }),
    });
  } catch (error) {
    results[url] = { error: String(error) };
  }
}
console.log(JSON.stringify(results));
