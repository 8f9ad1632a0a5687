package org.energytrace.ingest.programme;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.energytrace.analytics.report.CpStage;
import org.energytrace.ingest.auth.PasswordHasher;
import org.energytrace.ingest.auth.PgAccounts;
import org.energytrace.ingest.auth.Role;
import org.energytrace.ingest.auth.Secrets;
import org.energytrace.ingest.auth.Who;
import org.energytrace.ingest.demo.DemoAccounts;
import org.energytrace.ingest.jdbc.Sql;
import org.energytrace.ingest.tenant.Scope;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The demo's province (issue 16): 39 facilities over five districts, ten VSIC sectors and four
 * industrial parks, spread over the CP lifecycle (not reached, aware by workshop, visit or
 * material, assessed with and without potential, assessment done, applying with indicative
 * savings), with CP officers and their training and last year's declared energy (some above the
 * key-energy-user threshold); the demo plant among them as the pilot site of Thủ Dầu Một. Recorded
 * through {@link PgProgramme} as the demo province officer, so every entry is audited like a real
 * one. Seeded once per database (a restart finds the registry and only resets the officers'
 * passwords); dates count back from today so that the current half-year shows progress.
 *
 * <p>No facility reaches "savings verified" here: that step needs a saving whose EnPI baseline an
 * auditor approved, and only the demo plant has an EnPI (docs/programme-reporting.md, "Demo").
 */
public final class ProgrammeDemo {
  private static final Logger LOG = LoggerFactory.getLogger(ProgrammeDemo.class);

  /** The district officer's district, where the demo plant is. */
  public static final String DISTRICT = "Thủ Dầu Một";

  /** The park officer's industrial park. */
  public static final String PARK = "KCN VSIP I";

  static final String[][] DISTRICTS = {
    {"Thủ Dầu Một", "Phú Hòa", "KCN Đại Đăng"},
    {"Dĩ An", "Tân Đông Hiệp", "KCN Sóng Thần 2"},
    {"Thuận An", "Bình Hòa", PARK},
    {"Bến Cát", "Mỹ Phước", "KCN Mỹ Phước 3"},
    {"Tân Uyên", "Uyên Hưng", "KCN Nam Tân Uyên"}
  };

  static final String[][] SECTORS = {
    {"1050", "Sữa"},
    {"1103", "Bia"},
    {"1701", "Giấy"},
    {"2220", "Nhựa"},
    {"2410", "Thép"},
    {"1311", "Dệt may"},
    {"1610", "Gỗ"},
    {"2394", "Xi măng"},
    {"1020", "Thủy sản"},
    {"3100", "Nội thất"}
  };

  static final int FACILITIES = 39;

  /** The area the demo's officer of {@code role} reads (empty for the other roles). */
  public static java.util.Optional<String> area(Role role) {
    return switch (role) {
      case DISTRICT_OFFICER -> java.util.Optional.of(DISTRICT);
      case PARK_OFFICER -> java.util.Optional.of(PARK);
      default -> java.util.Optional.empty();
    };
  }

  private ProgrammeDemo() {}

  /** The code of synthetic facility {@code i}. */
  static String code(int i) {
    return String.format("bd-%02d", i + 1);
  }

  /**
   * Blocking: seeds the province once, creates or resets the district and park officers, and
   * returns {@code accounts} with them added (the demo prints them).
   *
   * @param measureDate the demo plant's measure date: the day its "applying" step is dated
   */
  public static List<DemoAccounts.Account> seed(
      DataSource dataSource,
      String demoEnterprise,
      List<DemoAccounts.Account> accounts,
      LocalDate measureDate,
      Clock clock) {
    long started = System.nanoTime();
    PgProgramme store = new PgProgramme(dataSource);
    Who who = new Who(DemoAccounts.username(Role.PROVINCE_OFFICER), Role.PROVINCE_OFFICER, null);
    LocalDate today = LocalDate.now(clock.withZone(ProgrammeExport.ZONE));
    if (!registered(dataSource, code(0))) {
      for (int i = 0; i < FACILITIES; i++) {
        facility(store, who, i, today, clock);
      }
      pilot(store, who, demoEnterprise, today, measureDate, clock);
    }
    // two reporting periods: last year closed, the last half-year open with a late list
    ReportingDemo.seed(dataSource, demoEnterprise, clock);
    List<DemoAccounts.Account> out = new ArrayList<>(accounts);
    out.add(officer(dataSource, store, who, Role.DISTRICT_OFFICER, "districts", DISTRICT, clock));
    out.add(officer(dataSource, store, who, Role.PARK_OFFICER, "parks", PARK, clock));
    LOG.info(
        "demo: the province's CP programme ({} facilities and the demo plant) ready in {} ms",
        FACILITIES,
        (System.nanoTime() - started) / 1_000_000);
    return out;
  }

  private static boolean registered(DataSource dataSource, String code) {
    return Sql.first(
            dataSource,
            "reading the demo registry",
            "SELECT 1 FROM programme_facility JOIN enterprise USING (enterprise_id)"
                + " WHERE code = ?",
            Sql.args(code),
            rs -> true)
        .isPresent();
  }

  /** Facility i: its stage is i mod 7 (0 not reached … 6 applying with a saving). */
  private static void facility(PgProgramme store, Who who, int i, LocalDate today, Clock clock) {
    String[] d = DISTRICTS[i % DISTRICTS.length];
    String[] s = SECTORS[i % SECTORS.length];
    String code = code(i);
    boolean inPark = i % 3 == 0;
    FacilityProfile p =
        new FacilityProfile(
            "Công ty TNHH " + s[1] + " " + d[0] + " " + (i + 1),
            s[1] + " " + (i + 1),
            String.format("37%08d", 1000 + i),
            s[0],
            d[0],
            d[1],
            inPark ? d[2] : null,
            (10 + i) + " Đại lộ Bình Dương, " + d[1] + ", " + d[0],
            10.90 + 0.01 * (i % 10),
            106.60 + 0.01 * (i % 7),
            List.of("small", "medium", "large").get(i % 3),
            "Phòng Kỹ thuật",
            "0274 38" + String.format("%05d", i),
            "sxsh@" + code + ".example.vn",
            i % 6 == 0,
            today.minusYears(3),
            null,
            null);
    store.putProfile(who, Scope.ALL, code, p, clock.instant());
    store
        .declarations()
        .putEnergy(
            who,
            Scope.ALL,
            code,
            today.getYear() - 1,
            i % 4 == 0
                ? List.of(
                    new Inputs.Energy("electricity", "kWh", 2_000_000 + 400_000.0 * i),
                    new Inputs.Energy("coal_grade_3_4", "t", 800))
                : List.of(new Inputs.Energy("electricity", "kWh", 1_500_000 + 150_000.0 * i)),
            clock.instant());
    int stage = i % 7;
    LocalDate aware = today.minusDays(420 - 5L * i);
    List<Inputs.Step> steps = new ArrayList<>();
    if (stage >= 1) {
      steps.add(
          step(CpStage.AWARE, aware, List.of("workshop", "visit", "material").get(i % 3), null));
    }
    if (stage == 2) {
      steps.add(step(CpStage.POTENTIAL_ASSESSED, aware.plusDays(60), null, false));
    }
    if (stage >= 3) {
      steps.add(step(CpStage.POTENTIAL_ASSESSED, aware.plusDays(60), null, true));
    }
    if (stage >= 4) {
      steps.add(step(CpStage.ASSESSMENT_DONE, aware.plusDays(120), "đánh giá nhanh 3 ngày", null));
    }
    if (stage >= 5) {
      steps.add(
          step(CpStage.APPLYING, aware.plusDays(170), "quản lý nội vi, thu hồi nước ngưng", null));
    }
    for (Inputs.Step st : steps) {
      store.steps().recordStep(who, Scope.ALL, code, st, clock.instant());
    }
    if (stage >= 3) {
      store
          .officers()
          .putOfficer(
              who,
              Scope.ALL,
              code,
              "cb-sxsh",
              new Inputs.Officer("Cán bộ SXSH " + (i + 1), aware.plusDays(30), null, null),
              clock.instant());
      if (i % 3 != 0) {
        store
            .officers()
            .recordTraining(
                who,
                Scope.ALL,
                code,
                "cb-sxsh",
                new Inputs.Training(
                    "Sản xuất sạch hơn cơ bản (VNCPC)",
                    aware.plusDays(45),
                    "VNCPC-" + (100 + i),
                    true),
                clock.instant());
      }
    }
    if (stage >= 5) {
      // a saving is recorded once its period has ended (the API refuses one that has not): the
      // later facilities' periods ran into next year
      LocalDate to = aware.plusDays(330).isBefore(today) ? aware.plusDays(330) : today.minusDays(1);
      LocalDate from = to.minusDays(150);
      double f = 0.05 + 0.02 * (i % 5);
      double kwh = 150_000 + 10_000.0 * i;
      store
          .declarations()
          .recordSaving(
              who,
              Scope.ALL,
              code,
              new Inputs.Saving(
                  "electricity",
                  "energy",
                  "electricity",
                  "kWh",
                  from,
                  to,
                  f,
                  f - 0.02,
                  f + 0.02,
                  ProgrammeExport.CONFIDENCE,
                  kwh,
                  kwh * 0.2,
                  kwh * 1_800,
                  "VND",
                  null,
                  null,
                  "indicative: the enterprise's own estimate, no approved baseline"),
              clock.instant());
    }
  }

  /**
   * The demo plant: the pilot site of Thủ Dầu Một, applying CP from its measure date (the step was
   * dated four months before the measures the saving shows).
   */
  private static void pilot(
      PgProgramme store,
      Who who,
      String enterprise,
      LocalDate today,
      LocalDate measureDate,
      Clock clock) {
    store.putProfile(
        who,
        Scope.ALL,
        enterprise,
        new FacilityProfile(
            "Công ty TNHH Nhà máy Bia Demo",
            "Bia Demo (điểm trình diễn)",
            "3700999999",
            "1103",
            DISTRICT,
            "Phú Cường",
            null,
            "1 Đại lộ Bình Dương, Phú Cường, Thủ Dầu Một",
            10.98,
            106.65,
            "medium",
            "Ban SXSH",
            "0274 3800000",
            "sxsh@demo.example.vn",
            false,
            today.minusYears(2),
            null,
            null),
        clock.instant());
    LocalDate aware = today.minusDays(300);
    for (Inputs.Step st :
        List.of(
            step(CpStage.AWARE, aware, "workshop", null),
            step(CpStage.POTENTIAL_ASSESSED, aware.plusDays(20), null, true),
            step(
                CpStage.ASSESSMENT_DONE,
                aware.plusDays(90),
                "đánh giá chi tiết, trọng tâm: công đoạn Nấu và hơi cấp cho nấu",
                null),
            step(
                CpStage.APPLYING,
                measureDate.isAfter(aware.plusDays(90)) ? measureDate : aware.plusDays(150),
                "biến tần bơm nhà nấu, hâm nước cấp lò hơi, chống rò rỉ khí nén",
                null))) {
      store.steps().recordStep(who, Scope.ALL, enterprise, st, clock.instant());
    }
    store
        .officers()
        .putOfficer(
            who,
            Scope.ALL,
            enterprise,
            "cb-sxsh",
            new Inputs.Officer("Nguyễn Thị Demo", aware, null, null),
            clock.instant());
    store
        .officers()
        .recordTraining(
            who,
            Scope.ALL,
            enterprise,
            "cb-sxsh",
            new Inputs.Training(
                "Sản xuất sạch hơn cơ bản (VNCPC)", aware.plusDays(10), "VNCPC-001", true),
            clock.instant());
  }

  private static Inputs.Step step(CpStage stage, LocalDate date, String detail, Boolean potential) {
    return new Inputs.Step(stage, date, detail, potential, null, null);
  }

  /** Creates or resets the demo account of an area officer and sets its area. */
  private static DemoAccounts.Account officer(
      DataSource dataSource,
      PgProgramme store,
      Who who,
      Role role,
      String kind,
      String area,
      Clock clock) {
    String username = DemoAccounts.username(role);
    String password = Secrets.password();
    new PgAccounts(dataSource)
        .putUser(
            username,
            role,
            null,
            List.of(),
            false,
            PasswordHasher.owaspDefault().hash(password),
            false);
    store
        .areas()
        .putArea(
            who,
            username,
            new Inputs.Area(kind.equals("districts") ? "district" : "park", List.of(area)),
            clock.instant());
    return new DemoAccounts.Account(username, role, password);
  }
}
