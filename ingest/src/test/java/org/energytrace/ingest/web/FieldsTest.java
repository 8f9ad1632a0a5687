package org.energytrace.ingest.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.energytrace.ingest.errors.DomainException;
import org.junit.jupiter.api.Test;

/** A record's first bad field as the refusal the routes answer ({@link Fields#throwFirst}). */
class FieldsTest {
  @Test
  void throwFirstRefusesWithTheFirstProblemNamingItsField() {
    Fields f = new Fields(Map.of("name", 3), "officer.");
    f.text("name", true, 10);
    f.text("email", true, 10);
    assertThat(f.problems()).hasSize(2);
    assertThatThrownBy(f::throwFirst)
        .isInstanceOfSatisfying(
            DomainException.class,
            e -> {
              assertThat(e.kind()).isEqualTo(DomainException.Kind.INVALID);
              assertThat(e.field()).isEqualTo("officer.name");
              assertThat(e.getMessage()).isEqualTo("must be text");
            });
    assertThat(f.first().field()).isEqualTo("officer.name");
  }

  @Test
  void throwFirstPassesARecordWithoutProblems() {
    Fields f = new Fields(Map.of("name", "Lan"), "");
    assertThat(f.text("name", true, 10)).isEqualTo("Lan");
    assertThatCode(f::throwFirst).doesNotThrowAnyException();
  }
}
