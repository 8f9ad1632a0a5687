package org.energytrace.ingest.validate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class InternerTest {
  @Test
  void answersTheSameInstanceForTheSameNameFromCharactersOrBytes() {
    Interner names = new Interner(64);
    char[] text = "xx em-12 yy".toCharArray();
    byte[] bytes = "__em-12".getBytes(StandardCharsets.US_ASCII);

    String a = names.intern(text, 3, 5);
    String b = names.intern(bytes, 2, 5);

    assertThat(a).isEqualTo("em-12");
    assertThat(b).isSameAs(a);
    assertThat(names.intern("em-12".toCharArray(), 0, 5)).isSameAs(a);
  }

  @Test
  // a full table only allocates: the name answered is always the right one
  void answersEqualNamesWhenManyNamesShareFewSlots() {
    Interner names = new Interner(2);
    for (int round = 0; round < 3; round++) {
      for (int i = 0; i < 500; i++) {
        String name = "m" + i;
        assertThat(names.intern(name.toCharArray(), 0, name.length())).isEqualTo(name);
        assertThat(names.intern(name.getBytes(StandardCharsets.US_ASCII), 0, name.length()))
            .isEqualTo(name);
      }
    }
  }

  @Test
  void needsAPowerOfTwoOfSlots() {
    assertThatThrownBy(() -> new Interner(3)).hasMessageContaining("power of two");
  }
}
