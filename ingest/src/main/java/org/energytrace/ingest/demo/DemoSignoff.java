package org.energytrace.ingest.demo;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import org.energytrace.ingest.audit.PgAuditLog;
import org.energytrace.ingest.auth.Role;
import org.energytrace.ingest.config.IntegrityConfig;
import org.energytrace.ingest.enpi.EnpiAnalytics;
import org.energytrace.ingest.enpi.PgBaselines;
import org.energytrace.ingest.enpi.PgEnpiStore;
import org.energytrace.ingest.errors.DomainException;
import org.energytrace.ingest.integrity.IntegrityCheck;
import org.energytrace.ingest.integrity.PgSeals;
import org.energytrace.ingest.tenant.Scope;
import org.energytrace.ingest.verification.Adjustment;
import org.energytrace.ingest.verification.Calibration;
import org.energytrace.ingest.verification.PeriodSignoff;
import org.energytrace.ingest.verification.PgAdjustments;
import org.energytrace.ingest.verification.PgCalibrations;
import org.energytrace.ingest.verification.PgPeriodRecords;
import org.energytrace.ingest.verification.PgSignoffs;
import org.energytrace.ingest.verification.SignoffFollowUp;
import org.energytrace.ingest.verification.dossier.DossierService;
import org.energytrace.ingest.verification.dossier.ServerKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The demo's verification chain after its baseline ({@link DemoSeeder}): one non-routine adjustment
 * proposed by the enterprise and rejected by the auditor, whom the data contradict, and the
 * reporting period signed off by the demo's auditor, naming the SHA-256 of the period's dossier
 * when the seeder may make one. Blocking (JDBC).
 */
final class DemoSignoff {
  private static final Logger LOG = LoggerFactory.getLogger(DemoSignoff.class);

  private final DataSource dataSource;
  private final PgEnpiStore store;
  private final EnpiAnalytics analytics;
  private final Clock clock;
  private volatile PgSeals seals;
  private volatile DossierService dossiers;
  private volatile SignoffFollowUp followUp = SignoffFollowUp.NONE;

  DemoSignoff(DataSource dataSource, PgEnpiStore store, EnpiAnalytics analytics, Clock clock) {
    this.dataSource = dataSource;
    this.store = store;
    this.analytics = analytics;
    this.clock = clock;
  }

  /**
   * Lets the sign-off name the SHA-256 of the period's verification dossier (issue 15): the days
   * ready are sealed as the service's sealing job does, then the dossier the auditor signs is made
   * with the server key of {@code integrity} (the service's own).
   */
  void withDossiers(IntegrityConfig integrity) {
    PgSeals s = new PgSeals(dataSource, integrity.sealGrace(), clock);
    PgAuditLog audit = new PgAuditLog(dataSource);
    this.seals = s;
    this.dossiers =
        new DossierService(
            dataSource,
            store,
            new PgBaselines(dataSource),
            analytics,
            s,
            audit,
            new IntegrityCheck(dataSource, s, audit),
            new PgPeriodRecords(dataSource),
            ServerKey.loadOrCreate(integrity.serverKeyFile()),
            clock);
  }

  void following(SignoffFollowUp f) {
    this.followUp = f;
  }

  /**
   * The justification of the demo's non-routine adjustment (how a restart recognises it), typed in
   * Vietnamese as the demo brewery's administrator would: "Demo: Saturday overtime shifts for the
   * year-end orders in the first week after the measure; operating hours the baseline year did not
   * have (IPMVP static factor)." The auditor rejects it ({@link #REJECTION}).
   */
  static final String ADJUSTMENT_JUSTIFICATION =
      "Minh họa: tăng ca thứ Bảy cho đơn hàng cuối năm trong tuần đầu sau biện pháp; số giờ vận"
          + " hành mà năm cơ sở không có (yếu tố tĩnh theo IPMVP).";

  /**
   * The auditor's reason for rejecting it, as the data say (a reviewer found the approved +2 % in
   * every verified figure while the data contradicted it): "Rejected: the baseline year already has
   * production on every Saturday, and the week's days show the same saving as the other weeks — no
   * operating hours outside the baseline's conditions to adjust for."
   */
  static final String REJECTION =
      "Minh họa: từ chối — năm cơ sở đã có sản xuất vào mọi ngày thứ Bảy, và các ngày của tuần đó"
          + " cho mức tiết kiệm như các tuần khác: không có giờ vận hành nào ngoài điều kiện của"
          + " kỳ cơ sở cần điều chỉnh.";

  /**
   * The justification before 2026-12-07, approved by the demo then (recognised on its database: an
   * older demo keeps its approved adjustment).
   */
  static final String ADJUSTMENT_JUSTIFICATION_APPROVED =
      "Minh họa: tăng ca thứ Bảy cho đơn hàng cuối năm trong tuần đầu sau biện pháp; số giờ vận"
          + " hành mà năm cơ sở không có (yếu tố tĩnh theo IPMVP). Chỉ để minh họa: nhà máy mô"
          + " phỏng không chạy các ca này.";

  /**
   * The same as a demo before 2026-12-06 typed it: "Tết" in November read wrong to a Vietnamese
   * reviewer (recognised on its database).
   */
  static final String ADJUSTMENT_JUSTIFICATION_TET =
      "Minh họa: tăng ca thứ Bảy dịp Tết trong tuần đầu sau biện pháp; số giờ vận hành mà năm"
          + " cơ sở không có (yếu tố tĩnh theo IPMVP). Chỉ để minh họa: nhà máy mô phỏng không"
          + " chạy các ca này.";

  /** The same as a demo before 2026-12 typed it, in English (recognised on its database). */
  static final String ADJUSTMENT_JUSTIFICATION_EN =
      "Demo: Saturday overtime shifts for the Tết season in the first week after the measure;"
          + " operating hours the baseline year did not have (IPMVP static factor). Illustrative:"
          + " the simulated plant does not run them.";

  /**
   * Walks the rest of the verification chain (issue 15): the enterprise's administrator proposes
   * one non-routine adjustment (+2 % of the baseline over the measure's first week), the auditor
   * rejects it ({@link #REJECTION}), and signs the reporting period [measure date, yesterday] off
   * as {@code verified}. The sign-off names the SHA-256 of the period's dossier, which the server
   * records as issued; when yesterday cannot be sealed yet the period ends the day before, and
   * without any dossier the period is not signed off. Idempotent: a restart keeps the adjustment
   * and a sign-off of the same period.
   */
  void verify(DemoSeeder.Seeded seeded, LocalDate measureDate, LocalDate yesterday) {
    if (yesterday.isBefore(measureDate)) {
      return;
    }
    String enterprise = seeded.enterprise();
    Instant now = clock.instant();
    PgAdjustments adjustments = new PgAdjustments(dataSource);
    boolean proposed =
        adjustments.list(Scope.ALL, enterprise, DemoSeeder.ENPI).stream()
            .anyMatch(
                a ->
                    ADJUSTMENT_JUSTIFICATION.equals(a.get("justification"))
                        || ADJUSTMENT_JUSTIFICATION_APPROVED.equals(a.get("justification"))
                        || ADJUSTMENT_JUSTIFICATION_TET.equals(a.get("justification"))
                        || ADJUSTMENT_JUSTIFICATION_EN.equals(a.get("justification")));
    if (!proposed) {
      LocalDate to =
          measureDate.plusDays(6).isAfter(yesterday) ? yesterday : measureDate.plusDays(6);
      Map<String, Object> a =
          adjustments.propose(
              DemoAccounts.actor(dataSource, Role.ENTERPRISE_ADMIN),
              Scope.ALL,
              enterprise,
              DemoSeeder.ENPI,
              new Adjustment(
                  Adjustment.Kind.OPERATING_HOURS,
                  measureDate,
                  to,
                  Adjustment.Method.PERCENTAGE,
                  2.0,
                  0.5,
                  ADJUSTMENT_JUSTIFICATION,
                  null,
                  null),
              now);
      adjustments.decide(
          DemoAccounts.actor(dataSource, Role.AUDITOR),
          Scope.ALL,
          enterprise,
          DemoSeeder.ENPI,
          ((Number) a.get("id")).longValue(),
          PgAdjustments.Decision.REJECT,
          REJECTION,
          now);
      LOG.info(
          "demo: adjustment {} ({}..{}, +2 %) proposed by {} and rejected by {}",
          a.get("id"),
          measureDate,
          to,
          DemoAccounts.username(Role.ENTERPRISE_ADMIN),
          DemoAccounts.username(Role.AUDITOR));
    }
    calibrate(seeded, now);
    PgSignoffs signoffs = new PgSignoffs(dataSource, followUp);
    if (signed(signoffs, enterprise, measureDate, yesterday)) {
      return;
    }
    // a sign-off names a dossier the server issued for its period (docs/verification.md §1.2): in
    // the first integrity.seal_grace hours of a site day yesterday cannot be sealed yet, and the
    // period signed off ends the day before
    LocalDate to = yesterday;
    Optional<String> dossier = dossierHash(seeded, measureDate, to);
    if (dossier.isEmpty() && yesterday.isAfter(measureDate)) {
      to = yesterday.minusDays(1);
      if (signed(signoffs, enterprise, measureDate, to)) {
        return;
      }
      dossier = dossierHash(seeded, measureDate, to);
    }
    if (dossier.isEmpty()) {
      LOG.warn(
          "demo: no dossier of {}..{} could be made; the period is not signed off (the next"
              + " start tries again)",
          measureDate,
          yesterday);
      return;
    }
    String hash = dossier.get();
    Map<String, Object> signed =
        signoffs.sign(
            DemoAccounts.actor(dataSource, Role.AUDITOR),
            Scope.ALL,
            enterprise,
            DemoSeeder.ENPI,
            new PgSignoffs.Request(
                seeded.baselineVersion(),
                measureDate,
                to,
                PeriodSignoff.Opinion.VERIFIED,
                // "every day of the period complete; the proposed adjustment rejected (the data
                // show no extra operating hours)"
                "Minh họa: mọi ngày của kỳ đều đủ dữ liệu; điều chỉnh đề xuất đã bị từ chối (dữ"
                    + " liệu không cho thấy giờ vận hành tăng thêm)",
                hash),
            // signed once the dossier it names exists (it was stamped before it, out of order in
            // the audit chain)
            clock.instant());
    LOG.info(
        "demo: period {}..{} signed off verified by {} (SHA-256 of the verification dossier {});"
            + " programme: {}",
        measureDate,
        to,
        DemoAccounts.username(Role.AUDITOR),
        hash,
        signed.get("programme"));
  }

  /**
   * Gives each meter of the EnPI a calibration record (docs/verification.md §1.6), recorded by the
   * enterprise's administrator: calibrated half a year before the baseline, valid three years, so
   * the dossier lists it and flags no day. Idempotent: a meter with a record keeps it.
   */
  private void calibrate(DemoSeeder.Seeded seeded, Instant now) {
    PgCalibrations calibrations = new PgCalibrations(dataSource);
    String enterprise = seeded.enterprise();
    for (var m : store.model(Scope.ALL, enterprise, seeded.enpi()).definition().meters()) {
      if (!calibrations.list(Scope.ALL, enterprise, m.meterId()).isEmpty()) {
        continue;
      }
      LocalDate on = seeded.from().minusDays(180);
      calibrations.record(
          DemoAccounts.actor(dataSource, Role.ENTERPRISE_ADMIN),
          Scope.ALL,
          enterprise,
          m.meterId(),
          new Calibration(
              on,
              on.plusYears(3),
              "DEMO-" + on.getYear() + "-" + m.meterId(),
              "QUATEST 3 (minh họa)",
              Calibration.Result.PASSED,
              // "illustrative record, no laboratory calibrated the simulated meter"
              "Minh họa: không phòng thí nghiệm nào hiệu chuẩn công tơ mô phỏng này",
              null,
              null),
          now);
      LOG.info("demo: meter {} calibrated on {} (valid 3 years)", m.meterId(), on);
    }
  }

  private static boolean signed(
      PgSignoffs signoffs, String enterprise, LocalDate from, LocalDate to) {
    return signoffs.list(Scope.ALL, enterprise, DemoSeeder.ENPI).stream()
        .anyMatch(
            x ->
                Boolean.TRUE.equals(x.get("current"))
                    && from.toString().equals(x.get("from"))
                    && to.toString().equals(x.get("to")));
  }

  /**
   * The SHA-256 of the period's dossier (its days sealed first); empty without {@link
   * #withDossiers} or when a day of the period is not ready to be sealed yet (the first hours of a
   * site day: {@code integrity.seal_grace}).
   */
  private Optional<String> dossierHash(DemoSeeder.Seeded seeded, LocalDate from, LocalDate to) {
    if (dossiers == null) {
      return Optional.empty();
    }
    long started = System.nanoTime();
    seals.sealReady();
    try {
      byte[] zip =
          dossiers.dossier(
              DemoAccounts.actor(dataSource, Role.AUDITOR),
              Scope.ALL,
              seeded.enterprise(),
              DemoSeeder.ENPI,
              seeded.baselineVersion(),
              from,
              to,
              "en");
      LOG.info(
          "demo: sealed the days and made the dossier of {}..{} ({} bytes) in {} ms",
          from,
          to,
          zip.length,
          (System.nanoTime() - started) / 1_000_000);
      return Optional.of(sha256(zip));
    } catch (DomainException e) {
      // a warning only when no period can be signed off (the caller): in the first hours of a site
      // day the period signed off ends the day before yesterday
      LOG.info("demo: no dossier of {}..{} yet ({})", from, to, e.getMessage());
      return Optional.empty();
    }
  }

  static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
