package org.energytrace.ingest.programme;

import java.time.LocalDate;
import java.util.List;
import org.energytrace.analytics.report.CpStage;

/** What the routes read from a request body, validated, for {@link PgProgramme}. */
final class Inputs {
  private Inputs() {}

  /** A file kept as a CP step's evidence: its bytes, name, media type and SHA-256. */
  record Attachment(String name, String contentType, byte[] bytes, String sha256) {}

  /**
   * One CP step.
   *
   * @param detail AWARE: workshop, visit or material; otherwise free text or null
   * @param potential POTENTIAL_ASSESSED only
   * @param saving SAVINGS_VERIFIED only: the id of the verified saving it rests on
   */
  record Step(
      CpStage stage,
      LocalDate date,
      String detail,
      Boolean potential,
      Long saving,
      Attachment attachment) {}

  record Officer(String name, LocalDate appointedOn, String email, String phone) {}

  record Training(String course, LocalDate date, String certificate, boolean completed) {}

  record Energy(String carrier, String unit, double amount) {}

  /**
   * A saving of one resource; {@code enpi} and {@code baselineVersion} name the EnPI baseline it
   * was computed against (it counts as verified while that baseline is approved).
   */
  record Saving(
      String resource,
      String kind,
      String carrier,
      String unit,
      LocalDate from,
      LocalDate to,
      double fraction,
      double fractionLow,
      double fractionHigh,
      double confidence,
      double amount,
      double halfWidth,
      Double money,
      String currency,
      String enpi,
      Integer baselineVersion,
      String reference) {}

  /** A district or park officer's area. */
  record Area(String kind, List<String> names) {}
}
