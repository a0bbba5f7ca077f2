package gazette.catalog;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * An immutable map that is another immutable map with a few values replaced: made in the time the replaced values
 * take, where a copy takes the time of every entry. Only values are replaced, never keys, so both maps have the same
 * keys. A reload that changes one article's version date makes one of these over the dates of 100,000.
 */
final class PatchedMap<K, V> extends AbstractMap<K, V> {
  /** Replaced values beyond which a patch copies everything into one map again, so a lookup stays two at most. */
  static final int MOST_REPLACED = 1024;

  private final Map<K, V> base;
  private final Map<K, V> replaced;
  private final Set<Map.Entry<K, V>> entries = new AbstractSet<>() {
    @Override
    public Iterator<Map.Entry<K, V>> iterator() {
      Iterator<K> keys = base.keySet().iterator();
      return new Iterator<>() {
        @Override
        public boolean hasNext() {
          return keys.hasNext();
        }

        @Override
        public Map.Entry<K, V> next() {
          K key = keys.next();
          return Map.entry(key, get(key));
        }
      };
    }

    @Override
    public int size() {
      return base.size();
    }
  };

  private PatchedMap(Map<K, V> base, Map<K, V> replaced) {
    this.base = base;
    this.replaced = replaced;
  }

  /**
   * {@code map} with the values of {@code replacements} in place of its own.
   *
   * @throws IllegalArgumentException when a replacement's key is not in {@code map}
   */
  static <K, V> Map<K, V> of(Map<K, V> map, Map<K, V> replacements) {
    Map<K, V> base = map instanceof PatchedMap<K, V> patched ? patched.base : Map.copyOf(map);
    Map<K, V> replaced = new HashMap<>(map instanceof PatchedMap<K, V> patched ? patched.replaced : Map.of());
    replacements.forEach((key, value) -> {
      if (!base.containsKey(key)) {
        throw new IllegalArgumentException("no value to replace for " + key);
      }
      replaced.put(key, Objects.requireNonNull(value, "value"));
    });
    if (replaced.isEmpty()) {
      return base;
    }
    if (replaced.size() > MOST_REPLACED) {
      Map<K, V> all = new HashMap<>(base);
      all.putAll(replaced);
      return Map.copyOf(all);
    }
    return new PatchedMap<>(base, Map.copyOf(replaced));
  }

  @Override
  public V get(Object key) {
    V value = replaced.get(key);
    return value != null ? value : base.get(key);
  }

  @Override
  public boolean containsKey(Object key) {
    return base.containsKey(key);
  }

  @Override
  public int size() {
    return base.size();
  }

  @Override
  public Set<Map.Entry<K, V>> entrySet() {
    return entries;
  }
}
