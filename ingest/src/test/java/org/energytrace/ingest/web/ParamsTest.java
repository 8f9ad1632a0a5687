package org.energytrace.ingest.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
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

  @Test
  void aSpanThatEndsBeforeItStartsOrRunsTooLongIsRefusedAsTo() {
    LocalDate from = LocalDate.parse("2026-03-01");
    Params.span(from, from, 1, "in one request");
    assertThatThrownBy(() -> Params.span(from, LocalDate.parse("2026-02-01"), 31, "in one request"))
        .isInstanceOfSatisfying(
            DomainException.class,
            e -> {
              assertThat(e.field()).isEqualTo("to");
              assertThat(e.getMessage())
                  .isEqualTo("must not be before from (2026-03-01), got 2026-02-01");
            });
    assertThatThrownBy(() -> Params.span(from, LocalDate.parse("2026-03-31"), 30, "in one request"))
        .isInstanceOfSatisfying(
            DomainException.class,
            e ->
                assertThat(e.getMessage())
                    .isEqualTo("at most 30 days from 'from' in one request, got 2026-03-31"));
  }
}
