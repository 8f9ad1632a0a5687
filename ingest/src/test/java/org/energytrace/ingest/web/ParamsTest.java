package org.energytrace.ingest.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.energytrace.ingest.errors.DomainException;
import org.junit.jupiter.api.Test;

/** The checked parameters' refusals, word for word (the API's 400 answers quote them). */
class ParamsTest {
  @Test
  void versionIsAnIntegerFromOne() {
    assertThat(Params.version("3")).isEqualTo(3);
    assertThatThrownBy(() -> Params.version("0"))
        .isInstanceOfSatisfying(
            DomainException.class,
            e -> {
              assertThat(e.field()).isEqualTo("version");
              assertThat(e.getMessage()).isEqualTo("must be a version number from 1, got 0");
            });
    assertThatThrownBy(() -> Params.version("x"))
        .isInstanceOfSatisfying(
            DomainException.class,
            e -> assertThat(e.getMessage()).isEqualTo("must be an integer, got 'x'"));
    assertThatThrownBy(() -> Params.version(null))
        .isInstanceOfSatisfying(
            DomainException.class,
            e -> assertThat(e.getMessage()).isEqualTo("must be an integer, got 'null'"));
  }
}
