package org.energytrace.ingest.verification.dossier;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Which days of a period a meter's calibration records cover (docs/verification.md §1.6): a day is
 * covered by a record that is not {@code failed}, calibrated on or before it and valid until it (a
 * record without {@code valid_until} stays valid), unless a failed calibration came after that
 * record and on or before the day. The uncovered days come as runs, each with why: no calibration
 * on record before it, the last calibration expired, or it failed. Pure.
 */
public final class CalibrationCoverage {
  private CalibrationCoverage() {}

  /** A calibration record as the dossier lists it. */
  public record Record(
      long id,
      LocalDate calibratedOn,
      LocalDate validUntil,
      String certificate,
      String lab,
      String result,
      String certificateSha256,
      String recordedBy,
      String recordedAt) {
    public Record {
      Objects.requireNonNull(calibratedOn, "calibratedOn");
      Objects.requireNonNull(result, "result");
    }
  }

  /** Why the days of a gap are not covered. */
  public enum Reason {
    /** No calibration record of the meter at all. */
    NONE_ON_RECORD,
    /** No calibration on or before the gap's first day. */
    NOT_YET_CALIBRATED,
    /** The latest calibration before the gap expired ({@code on}: its valid_until). */
    EXPIRED,
    /** The latest calibration before the gap failed ({@code on}: its day). */
    FAILED
  }

  /** Days {@code from..to} not covered, with the reason and the record it refers to (or null). */
  public record Gap(LocalDate from, LocalDate to, Reason reason, Record record) {}

  /** The runs of days of {@code from..to} no record covers, in order. */
  public static List<Gap> gaps(List<Record> records, LocalDate from, LocalDate to) {
    List<Gap> out = new ArrayList<>();
    LocalDate start = null;
    for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
      LocalDate day = d;
      boolean covered = records.stream().anyMatch(r -> covers(records, r, day));
      if (!covered && start == null) {
        start = d;
      } else if (covered && start != null) {
        out.add(gap(records, start, d.minusDays(1)));
        start = null;
      }
    }
    if (start != null) {
      out.add(gap(records, start, to));
    }
    return out;
  }

  private static boolean covers(List<Record> records, Record r, LocalDate day) {
    if ("failed".equals(r.result())
        || r.calibratedOn().isAfter(day)
        || (r.validUntil() != null && r.validUntil().isBefore(day))) {
      return false;
    }
    for (Record f : records) {
      if ("failed".equals(f.result())
          && f.calibratedOn().isAfter(r.calibratedOn())
          && !f.calibratedOn().isAfter(day)) {
        return false; // a later calibration found the meter out of tolerance
      }
    }
    return true;
  }

  private static Gap gap(List<Record> records, LocalDate from, LocalDate to) {
    if (records.isEmpty()) {
      return new Gap(from, to, Reason.NONE_ON_RECORD, null);
    }
    // the latest calibration on or before the gap's first day failed, or the one valid longest
    // before it expired
    Record latest = null;
    Record expired = null;
    for (Record r : records) {
      if (r.calibratedOn().isAfter(from)) {
        continue;
      }
      if (latest == null || !r.calibratedOn().isBefore(latest.calibratedOn())) {
        latest = r;
      }
      if (!"failed".equals(r.result())
          && r.validUntil() != null
          && r.validUntil().isBefore(from)
          && (expired == null || r.validUntil().isAfter(expired.validUntil()))) {
        expired = r;
      }
    }
    if (latest != null && "failed".equals(latest.result())) {
      return new Gap(from, to, Reason.FAILED, latest);
    }
    if (expired != null) {
      return new Gap(from, to, Reason.EXPIRED, expired);
    }
    return new Gap(from, to, Reason.NOT_YET_CALIBRATED, null);
  }
}
