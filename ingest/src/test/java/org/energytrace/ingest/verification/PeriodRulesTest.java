package org.energytrace.ingest.verification;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import org.energytrace.analytics.savings.NonRoutineAdjustment;
import org.energytrace.ingest.errors.DomainException;
import org.energytrace.ingest.verification.PeriodSignoff.Opinion;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The pure rules of a sign-off and of a proposed adjustment (docs/verification.md §1.2). */
class PeriodRulesTest {
  static final LocalDate FROM = LocalDate.parse("2026-02-01");
  static final LocalDate TO = LocalDate.parse("2026-02-28");

  static String field(Runnable r) {
    try {
      r.run();
    } catch (DomainException e) {
      return e.field();
    }
    throw new AssertionError("accepted");
  }

  @Nested
  class SignOff {
    @Test
    void onlyVerifiedAndVerifiedWithReservationsMakeAPeriodVerified() {
      assertThat(Opinion.VERIFIED.verifies()).isTrue();
      assertThat(Opinion.VERIFIED_WITH_RESERVATIONS.verifies()).isTrue();
      assertThat(Opinion.NOT_VERIFIED.verifies()).isFalse();
      assertThat(Opinion.of("verified_with_reservations"))
          .isEqualTo(Opinion.VERIFIED_WITH_RESERVATIONS);
      assertThat(field(() -> Opinion.of("Verified"))).isEqualTo("opinion");
    }

    @Test
    void reservationsAndARefusalMustSayWhy() {
      assertThat(
              field(
                  () ->
                      new PgSignoffs.Request(
                          1, FROM, TO, Opinion.VERIFIED_WITH_RESERVATIONS, " ", "ab".repeat(32))))
          .isEqualTo("comments");
      assertThat(
              field(
                  () ->
                      new PgSignoffs.Request(
                          1, FROM, TO, Opinion.NOT_VERIFIED, null, "ab".repeat(32))))
          .isEqualTo("comments");
      assertThat(new PgSignoffs.Request(1, FROM, TO, Opinion.VERIFIED, null, "AB".repeat(32)))
          .extracting(PgSignoffs.Request::dossierSha256)
          .isEqualTo("ab".repeat(32));
    }

    @Test
    void theDossierHashIsSixtyFourHexDigitsAndThePeriodRunsForwards() {
      assertThat(field(() -> PeriodSignoff.dossierSha256("ab".repeat(31))))
          .isEqualTo("dossier_sha256");
      assertThat(field(() -> PeriodSignoff.dossierSha256("zz".repeat(32))))
          .isEqualTo("dossier_sha256");
      assertThat(field(() -> PeriodSignoff.period(TO, FROM))).isEqualTo("to");
      assertThat(field(() -> PeriodSignoff.period(FROM, FROM.plusDays(PeriodSignoff.MAX_DAYS))))
          .isEqualTo("to");
    }
  }

  @Nested
  class Adjustments {
    static Adjustment of(Adjustment.Method method, double value) {
      return new Adjustment(
          Adjustment.Kind.NEW_LINE, FROM, TO, method, value, 0, "a new line", null, null);
    }

    @Test
    void eachMethodMapsToTheAnalyticsKindItStatesItsEnergyBy() {
      assertThat(Adjustment.Method.FIXED_PER_DAY.analytics())
          .isEqualTo(NonRoutineAdjustment.Kind.FIXED_PER_DAY);
      assertThat(Adjustment.Method.FIXED_PER_PERIOD.analytics())
          .isEqualTo(NonRoutineAdjustment.Kind.FIXED_PER_PERIOD);
      assertThat(Adjustment.Method.PERCENTAGE.analytics())
          .isEqualTo(NonRoutineAdjustment.Kind.PERCENTAGE);
    }

    @Test
    void aPercentageStaysAboveMinus100AndEveryValueIsFinite() {
      assertThat(field(() -> of(Adjustment.Method.PERCENTAGE, -100))).isEqualTo("value");
      assertThat(field(() -> of(Adjustment.Method.FIXED_PER_DAY, Double.NaN))).isEqualTo("value");
      // a negative fixed amount removes energy the baseline had (e.g. a line taken out)
      assertThat(of(Adjustment.Method.FIXED_PER_DAY, -40).value()).isEqualTo(-40);
    }

    @Test
    void aJustificationIsRequiredAndAnAttachmentHasALimit() {
      assertThat(
              field(
                  () ->
                      new Adjustment(
                          Adjustment.Kind.OTHER,
                          FROM,
                          TO,
                          Adjustment.Method.FIXED_PER_DAY,
                          1,
                          0,
                          "",
                          null,
                          null)))
          .isEqualTo("justification");
      assertThat(
              field(
                  () ->
                      new Adjustment.Attachment(
                          "a.pdf",
                          "application/pdf",
                          new byte[Adjustment.MAX_ATTACHMENT_BYTES + 1])))
          .isEqualTo("attachment.content_base64");
      assertThat(field(() -> new Adjustment.Attachment("a.pdf", "pdf", new byte[] {1})))
          .isEqualTo("attachment.media_type");
      assertThat(field(() -> Adjustment.parse(Adjustment.Kind.class, "kind", "weather")))
          .isEqualTo("kind");
    }
  }
}
