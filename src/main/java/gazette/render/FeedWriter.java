package gazette.render;

/** Writes one feed document in one format. Implementations keep no state: a memo, if any, comes with the entries. */
interface FeedWriter {
  byte[] write(FeedView feed, Entries entries);
}
