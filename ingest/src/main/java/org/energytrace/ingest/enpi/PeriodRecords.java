package org.energytrace.ingest.enpi;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.energytrace.analytics.savings.NonRoutineAdjustment;

/**
 * What the verification feature recorded about an EnPI's reporting periods, as the savings read it:
 * the non-routine adjustments (approved ones are applied, the others listed as not applied) and the
 * auditor's sign-off of a period. Implemented by {@code verification.PgPeriodRecords}; an interface
 * here so that {@code enpi} does not import the feature built on it.
 */
public interface PeriodRecords {
  /** The EnPI's adjustments, of every status, whose days overlap [from, to]. */
  List<NonRoutineAdjustment> adjustments(long enpiId, LocalDate from, LocalDate to);

  /**
   * The current (not superseded) sign-off of baseline {@code version} whose period covers [from,
   * to], the newest when several do.
   */
  Optional<SignOff> signOff(long enpiId, int version, LocalDate from, LocalDate to);

  /**
   * The newest current sign-off of baseline {@code version} with the opinion verified or verified
   * with reservations: the verified period a public page shows.
   */
  Optional<SignOff> latestVerified(long enpiId, int version);

  /**
   * The audited revisions of production figures of {@code enpiVersion}'s products on days of [from,
   * to] made after {@code after}: a result approved or signed off before them is "to be
   * re-verified" (docs/verification.md §1.4). Oldest first.
   */
  default List<Revision> revisions(
      long enpiId, int enpiVersion, LocalDate from, LocalDate to, Instant after) {
    return List.of();
  }

  /**
   * Rows stored after {@code after} for days of [from, to] that were already sealed, in the series
   * of {@code enpiVersion}'s meters (their energy channel), products and the gateways' counts of
   * them: late readings, late counts, entered quantities (docs/verification.md §3). A result
   * approved or signed off before them no longer rests on the data it was given: "to be
   * re-verified". A production quantity revised through the API is listed by {@link #revisions}
   * instead. Oldest first.
   */
  default List<LateData> lateData(
      long enpiId, int enpiVersion, LocalDate from, LocalDate to, Instant after) {
    return List.of();
  }

  /**
   * Counter events (meter replacements, multiplier changes) of {@code enpiVersion}'s meters,
   * recorded or deleted after {@code after}, dated on or before {@code to}: they change the energy
   * derived from unchanged readings, so a result approved or signed off before them is "to be
   * re-verified" (V96). Oldest change first.
   */
  default List<CounterEventChange> counterEvents(
      long enpiId, int enpiVersion, LocalDate to, Instant after) {
    return List.of();
  }

  /**
   * Non-routine adjustments of EnPI {@code enpiId} overlapping [{@code from}, {@code to}] approved
   * after {@code after}: they change the adjusted baseline of a period signed off before them, so
   * its sign-off is "to be re-verified". Oldest decision first.
   */
  default List<AdjustmentApproved> adjustmentsApproved(
      long enpiId, LocalDate from, LocalDate to, Instant after) {
    return List.of();
  }

  /** An adjustment approved: its id ({@code nra-N}), period, who approved it and when. */
  record AdjustmentApproved(
      String id, LocalDate from, LocalDate to, String decidedBy, Instant decidedAt) {}

  /**
   * A counter event recorded or deleted: its meter and channel, its time, the change, the event's
   * kind ({@code replacement} or {@code multiplier_change}; null for a change before V98 whose kind
   * is not known) and when.
   */
  record CounterEventChange(
      String meter,
      String channel,
      Instant eventTs,
      String change,
      String kind,
      Instant changedAt) {}

  /**
   * Late data of a sealed day: the series ({@code meter/channel}, a product, {@code line/product}
   * of a count), its kind ({@code reading}, {@code quantity}, {@code count}), the day, and the seal
   * revision appended for it with its time; both null while the revision is not sealed yet. For a
   * reading, the readings of that day received since ({@link #READINGS_LISTED} at the most), so
   * that an auditor finds the row without searching the dossier's readings.csv.
   */
  record LateData(
      String series,
      String kind,
      LocalDate day,
      Integer revision,
      Instant sealedAt,
      List<LateReading> readings) {
    public LateData {
      readings = List.copyOf(readings);
    }
  }

  /** At most this many late readings are listed per series and day. */
  int READINGS_LISTED = 20;

  /** A reading received late: its instant, value (the channel's unit) and when it was received. */
  record LateReading(Instant ts, double value, Instant receivedAt) {}

  /** One audited correction of a production figure: old and new value, who, why, when. */
  record Revision(
      String product,
      LocalDate day,
      double oldQuantity,
      double newQuantity,
      String reason,
      String by,
      Instant at) {}

  /**
   * An auditor's opinion on a period; {@code dossierAt} when the dossier it names was made (what
   * changed later was not before the auditor), its own time when none is on record.
   */
  record SignOff(
      long id,
      String opinion,
      Instant at,
      String account,
      LocalDate from,
      LocalDate to,
      String dossierSha256,
      Instant dossierAt) {
    /** {@code verified} or {@code verified_with_reservations}: the period counts as verified. */
    public boolean verifies() {
      return opinion.equals("verified") || opinion.equals("verified_with_reservations");
    }
  }

  /** No records (no adjustments, no sign-off). */
  PeriodRecords NONE =
      new PeriodRecords() {
        @Override
        public List<NonRoutineAdjustment> adjustments(long enpiId, LocalDate from, LocalDate to) {
          return List.of();
        }

        @Override
        public Optional<SignOff> signOff(long enpiId, int version, LocalDate from, LocalDate to) {
          return Optional.empty();
        }

        @Override
        public Optional<SignOff> latestVerified(long enpiId, int version) {
          return Optional.empty();
        }
      };
}
