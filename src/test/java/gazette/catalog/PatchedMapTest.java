package gazette.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A patched map is the map it was made from with the values replaced, immutable, however many patches it has had. */
class PatchedMapTest {
  @Test
  void patchesOnPatchesAreTheMapWithEveryReplacementAndStayImmutable() {
    Map<Integer, String> expected = new HashMap<>();
    for (int i = 0; i < 3 * PatchedMap.MOST_REPLACED; i++) {
      expected.put(i, "first " + i);
    }
    Map<Integer, String> map = Map.copyOf(expected);
    // One value at a time, past the number at which the replaced values are copied into one map again.
    for (int i = 0; i < 2 * PatchedMap.MOST_REPLACED + 10; i += 2) {
      Map<Integer, String> before = map;
      map = PatchedMap.of(map, Map.of(i, "second " + i));
      assertThat(before.get(i)).isEqualTo("first " + i); // the map patched is not changed
      expected.put(i, "second " + i);
      if (i % 256 == 0) {
        assertThat(map).isEqualTo(expected).hasSameHashCodeAs(expected);
      }
    }
    assertThat(map).isEqualTo(expected);
    assertThat(map.keySet()).isEqualTo(expected.keySet());
    assertThat(PatchedMap.of(map, Map.of())).isEqualTo(expected);
    Map<Integer, String> last = map;
    assertThatThrownBy(() -> last.put(1, "x")).isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> last.entrySet().iterator().remove()).isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> last.keySet().clear()).isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void onlyValuesAreReplacedNeverKeys() {
    Map<String, String> map = Map.of("a", "1");
    assertThatThrownBy(() -> PatchedMap.of(map, Map.of("b", "2")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("b");
    Map<String, String> patched = PatchedMap.of(map, Map.of("a", "2"));
    assertThat(patched).containsOnlyKeys("a").containsEntry("a", "2");
    assertThat(patched.get("b")).isNull();
    assertThat(patched.containsKey("b")).isFalse();
  }
}
