package org.energytrace.ingest.cp;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import javax.sql.DataSource;
import org.energytrace.ingest.auth.Role;
import org.energytrace.ingest.auth.Who;
import org.energytrace.ingest.demo.DemoAccounts;
import org.energytrace.ingest.demo.DemoSeeder;
import org.energytrace.ingest.errors.DomainException;
import org.energytrace.ingest.errors.NotFoundException;
import org.energytrace.ingest.tenant.Scope;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The demo plant's CP assessment (issue 18): a completed detailed assessment of the brewery's
 * brewhouse with six options, three of them implemented and the boiler-house one linked to the
 * plant's EnPI from the measure date (the demo gateway's simulated 10 % saving). Recorded through
 * {@link PgCpAssessments} as the demo enterprise administrator, so every entry is audited like a
 * real one; seeded once per database (a restart finds the assessment and leaves it as edited).
 * Called once the demo seeding has created the EnPI. Also the public CP section's first content:
 * three published activities, this year's plan and one unpublished draft.
 */
public final class CpDemo {
  private static final Logger LOG = LoggerFactory.getLogger(CpDemo.class);

  /** The assessment's code. */
  public static final String ASSESSMENT = "sxsh-nau-lohoi";

  private CpDemo() {}

  /**
   * @return whether the assessment was created now
   */
  public static boolean seed(
      DataSource dataSource, String enterprise, LocalDate measureDate, Clock clock) {
    PgCpAssessments store = new PgCpAssessments(dataSource);
    try {
      // seeded before (a run cut short before its six options is completed now: puts are upserts)
      if (((List<?>) store.get(Scope.ALL, enterprise, ASSESSMENT).get("options")).size() >= 6) {
        return false;
      }
    } catch (NotFoundException absent) {
      // not seeded yet
    }
    Who who = new Who(DemoAccounts.username(Role.ENTERPRISE_ADMIN), Role.ENTERPRISE_ADMIN, null);
    // begun before the programme's "assessment done" step of the plant (ProgrammeDemo: some 210
    // days before today, the measure 30): a reviewer read an assessment begun after it was done
    LocalDate started = measureDate.minusMonths(8);
    JsonObject tasks = new JsonObject();
    for (int t = 1; t <= 18; t++) {
      tasks.put(Integer.toString(t), t <= 16 ? "done" : "in_progress");
    }
    JsonObject a =
        new JsonObject()
            .put("site", DemoSeeder.SITE)
            .put("title", "Đánh giá SXSH chi tiết khu nấu và lò hơi")
            .put("kind", "detailed")
            .put("status", "completed")
            .put("started_on", started.toString())
            .put(
                "team",
                new JsonArray()
                    .add(member("Nguyễn Thị Lan", "trưởng nhóm", "Phó giám đốc kỹ thuật"))
                    .add(member("Trần Văn Hùng", "cân bằng năng lượng", "Quản đốc lò hơi"))
                    .add(member("Lê Minh Tâm", "chi phí", "Kế toán trưởng"))
                    .add(member("Phạm Thu Hà", "môi trường", "Cán bộ môi trường")))
            .put(
                "process_steps",
                new JsonArray()
                    .add(
                        step(
                            "Nấu",
                            List.of(
                                flow("material", "malt", 1_200, "t"),
                                flow("water", "nước", 14_000, "m3"),
                                flow("energy", "hơi", 3_100, "t")),
                            List.of(
                                flow("product", "dịch đường", 95_000, "hl"),
                                flow("solid_waste", "bã malt", 1_500, "t"),
                                flow("waste_water", "nước rửa", 4_000, "m3"))))
                    .add(
                        step(
                            "Lò hơi",
                            List.of(
                                flow("energy", "than", 650, "t"),
                                flow("water", "nước", 5_200, "m3")),
                            List.of(
                                flow("energy", "hơi", 4_800, "t"),
                                flow("emission", "khói thải", null, null),
                                flow("heat_loss", "nước ngưng thất thoát", 900, "m3"))))
                    .add(
                        step(
                            "Lên men và lọc",
                            List.of(flow("energy", "điện lạnh", 410_000, "kWh")),
                            List.of(flow("product", "bia", 92_000, "hl"))))
                    .add(
                        step(
                            "Chiết chai",
                            List.of(flow("energy", "điện", 260_000, "kWh")),
                            List.of(flow("solid_waste", "chai vỡ", 12, "t")))))
            .put("focus_step", "Nấu")
            .put("tasks", tasks)
            .put(
                "waste_causes",
                new JsonArray()
                    .add(cause("hơi rò rỉ", "bẫy hơi hỏng, van không kín", 180_000_000))
                    .add(cause("nước ngưng", "không thu hồi về lò hơi", 95_000_000))
                    .add(cause("nhiệt thất thoát", "đường ống hơi chưa bảo ôn", 120_000_000)));
    store.put(who, Scope.ALL, enterprise, ASSESSMENT, CpInput.assessment(a), clock.instant());
    // the balance of the focus step from the plant's stored energy and production, the 30 days
    // before the measure
    store
        .prefill()
        .prefillBalance(
            who,
            Scope.ALL,
            enterprise,
            ASSESSMENT,
            measureDate.minusDays(30),
            measureDate.minusDays(1),
            clock.instant());
    for (DemoOption o :
        List.of(
            // the three measures the showcase tells (DemoStory), commissioned on the measure date,
            // with its investments: a visitor read one story on the pilot-site card, another on
            // the showcase and a third in the assessment
            new DemoOption(
                "gp1",
                "equipment_modification",
                "Biến tần cho bơm nhà nấu",
                450e6,
                300e6,
                "implement",
                measureDate,
                true),
            new DemoOption(
                "gp2",
                "onsite_recovery",
                "Bộ hâm nước cấp lò hơi (thu hồi nhiệt khói thải)",
                620e6,
                420e6,
                "implement",
                measureDate,
                false),
            new DemoOption(
                "gp3",
                "good_housekeeping",
                "Chương trình chống rò rỉ khí nén",
                85e6,
                160e6,
                "implement",
                measureDate,
                false),
            new DemoOption(
                "gp4",
                "onsite_recovery",
                "Sửa bẫy hơi và thu hồi nước ngưng về lò hơi",
                320e6,
                140e6,
                "later",
                null,
                false),
            new DemoOption(
                "gp5",
                "technology_change",
                "Thay lò hơi than bằng lò sinh khối",
                4_200e6,
                900e6,
                "later",
                null,
                false),
            new DemoOption(
                "gp6",
                "useful_byproducts",
                "Bán bã malt làm thức ăn chăn nuôi",
                30e6,
                60e6,
                "rejected",
                null,
                false))) {
      option(store, who, enterprise, clock, o);
    }
    publicSection(dataSource, measureDate, clock);
    programmeFeed(dataSource, enterprise, clock);
    LOG.info("demo: CP assessment {} of {} with six options", ASSESSMENT, enterprise);
    return true;
  }

  /** A few published activities and this year's plan, and one draft, as the province officer. */
  private static void publicSection(DataSource dataSource, LocalDate measureDate, Clock clock) {
    PgCpPublic content = new PgCpPublic(dataSource);
    Who officer =
        new Who(DemoAccounts.username(Role.PROVINCE_OFFICER), Role.PROVINCE_OFFICER, null);
    int year = measureDate.getYear();
    List<Object[]> items =
        List.of(
            new Object[] {
              "hoi-thao-sxsh-bia",
              "workshop",
              "Hội thảo sản xuất sạch hơn ngành bia, nước giải khát",
              "Cleaner-production workshop for breweries and beverages",
              measureDate.minusMonths(5),
              62,
              true
            },
            new Object[] {
              "dao-tao-can-bo-sxsh",
              "training",
              "Khóa đào tạo cán bộ sản xuất sạch hơn cấp huyện",
              "Training course for district CP officers",
              measureDate.minusMonths(3),
              35,
              true
            },
            new Object[] {
              "tham-quan-nha-may-bia",
              "study_tour",
              "Tham quan mô hình trình diễn tại nhà máy bia",
              "Study tour to the brewery's demonstration model",
              measureDate.plusDays(20),
              28,
              true
            },
            new Object[] {"tin-nhap", "news", "Bản tin đang soạn", null, measureDate, null, false});
    for (Object[] i : items) {
      content.put(
          officer,
          (String) i[0],
          new PgCpPublic.Item(
              (String) i[1],
              new CpTexts((String) i[2], (String) i[3], null, null),
              (LocalDate) i[4],
              (Integer) i[5],
              null,
              (Boolean) i[6]),
          clock.instant());
    }
    content.put(
        officer,
        "ke-hoach-sxsh-" + year,
        new PgCpPublic.Item(
            "plan",
            new CpTexts(
                "Kế hoạch sản xuất sạch hơn trong công nghiệp năm " + year,
                "Cleaner production in industry: plan for " + year,
                "Hỗ trợ 10 cơ sở đánh giá SXSH; 2 mô hình trình diễn; đào tạo 40 cán bộ.",
                "Support 10 facilities with CP assessments; 2 demonstration models; train 40"
                    + " officers."),
            null,
            null,
            year,
            true),
        clock.instant());
  }

  /**
   * What the public section gives the programme and shows of it: attendance (the demo plant's CP
   * officer at the training course, two facilities of the registry not reached yet at the workshop
   * and the course: they become aware, the second's officer trained), a guidance note for breweries
   * citing the plant's catalogue entry, the plant as pilot site and the achievements of the last
   * closed half-year. Facilities missing from the registry are left out.
   */
  private static void programmeFeed(DataSource dataSource, String enterprise, Clock clock) {
    PgCpPublic content = new PgCpPublic(dataSource);
    Who officer =
        new Who(DemoAccounts.username(Role.PROVINCE_OFFICER), Role.PROVINCE_OFFICER, null);
    List<Object[]> attendees =
        List.of(
            new Object[] {
              "dao-tao-can-bo-sxsh", enterprise, "Nguyễn Thị Demo", "cp_officer", "cb-sxsh"
            },
            new Object[] {"hoi-thao-sxsh-bia", enterprise, "Trần Văn Hùng", "manager", null},
            new Object[] {"hoi-thao-sxsh-bia", "bd-08", "Đỗ Văn Tám", "manager", null},
            new Object[] {
              "dao-tao-can-bo-sxsh", "bd-15", "Vũ Thị Mười Lăm", "cp_officer", "cb-sxsh"
            });
    for (Object[] a : attendees) {
      try {
        content.attend(
            officer,
            (String) a[0],
            new PgCpPublic.Attendee((String) a[1], (String) a[2], (String) a[3], (String) a[4]),
            clock.instant());
      } catch (DomainException notRegistered) {
        LOG.info("demo: attendance of {} left out: {}", a[1], notRegistered.getMessage());
      }
    }
    List<Long> cites =
        new PgCpAssessments(dataSource)
            .implemented().stream()
                .filter(o -> o.enterprise().equals(enterprise) && o.assessment().equals(ASSESSMENT))
                .map(PgCpAssessments.Implemented::id)
                .toList();
    new PgCpGuidance(dataSource)
        .put(
            officer,
            "huong-dan-sxsh-bia",
            new PgCpGuidance.Note(
                "1103",
                new CpTexts(
                    "Hướng dẫn sản xuất sạch hơn ngành bia: bơm, lò hơi và khí nén",
                    "Cleaner production in breweries: pumps, boiler and compressed air",
                    "Chạy bơm theo lưu lượng cần bằng biến tần, hâm nước cấp lò hơi bằng nhiệt khói"
                        + " thải, dò và sửa rò rỉ khí nén hằng tháng. Tiết kiệm dưới đây là điện và"
                        + " khí đốt của cả nhà máy (không gồm than của lò hơi), đo trực tiếp và đã"
                        + " được kiểm toán viên xác minh.",
                    "Run pumps at the flow needed with variable-speed drives, preheat the boiler's"
                        + " feed water with its flue gas, find and fix compressed-air leaks every"
                        + " month. The saving below is the whole plant's electricity and gas (not"
                        + " the coal boiler's coal), metered and verified by an auditor."),
                cites,
                true),
            clock.instant());
    new PgCpGuidance(dataSource)
        .put(
            officer,
            "huong-dan-nhap",
            new PgCpGuidance.Note(
                "1050",
                new CpTexts("Hướng dẫn ngành sữa (đang soạn)", null, "Bản nháp.", null),
                List.of(),
                false),
            clock.instant());
    PgCpHighlights highlights = new PgCpHighlights(dataSource);
    try {
      highlights.putPilot(
          officer,
          "nha-may-bia-trinh-dien",
          new PgCpHighlights.Pilot(
              enterprise,
              DemoSeeder.SITE,
              new CpTexts(
                  "Nhà máy bia: biến tần bơm, hâm nước cấp lò hơi, chống rò rỉ khí nén",
                  "Brewery: pump drives, boiler economiser, compressed-air leaks",
                  "Mô hình trình diễn sản xuất sạch hơn của tỉnh, số liệu đo trực tiếp.",
                  "The province's cleaner-production demonstration, with live metered data."),
              true),
          clock.instant());
    } catch (DomainException noSite) {
      LOG.info("demo: pilot site left out: {}", noSite.getMessage());
    }
    CpAchievements achievements = new CpAchievements(dataSource, clock);
    LocalDate today = LocalDate.now(clock.withZone(ZoneId.of("Asia/Ho_Chi_Minh")));
    String half =
        today.getMonthValue() > 6 ? today.getYear() + "-H1" : (today.getYear() - 1) + "-H2";
    // the newest period whose reports are in: the last half-year, else the year before (the demo
    // programme's half-year is still collecting its reports)
    for (String label : List.of(half, String.valueOf(today.getYear() - 1))) {
      try {
        var period = achievements.closed(label);
        highlights.publishAchievement(
            officer, period.label(), true, () -> achievements.figures(period), clock.instant());
        return;
      } catch (DomainException stillOpen) {
        LOG.info("demo: achievements of {} not published: {}", label, stillOpen.getMessage());
      }
    }
  }

  /** One of the demo assessment's options, {@code implemented} null unless implemented. */
  private record DemoOption(
      String code,
      String type,
      String description,
      double investment,
      double money,
      String decision,
      LocalDate implemented,
      boolean linked) {}

  /**
   * What an option saves, in the resource it saves: the pumps' inverters and the compressed air's
   * leaks electricity (at 2 000 VND/kWh), the economiser the gas boiler's gas (15 000 VND/Nm3), the
   * steam traps and the biomass boiler the coal boiler's coal (4 000 000 VND/t); selling spent malt
   * earns money and saves no resource (every option claimed coal).
   */
  private static JsonArray savings(DemoOption d) {
    JsonArray out = new JsonArray();
    switch (d.code()) {
      case "gp1", "gp3" -> out.add(saving("electricity", Math.round(d.money() / 2_000.0), "kWh"));
      case "gp2" -> out.add(saving("natural_gas", Math.round(d.money() / 15_000.0), "Nm3"));
      case "gp4", "gp5" -> out.add(saving("coal", Math.round(d.money() / 4_000_000.0), "t"));
      default -> {}
    }
    return out;
  }

  private static JsonObject saving(String resource, long amount, String unit) {
    return new JsonObject().put("resource", resource).put("amount", amount).put("unit", unit);
  }

  private static void option(
      PgCpAssessments store, Who who, String enterprise, Clock clock, DemoOption d) {
    JsonObject o =
        new JsonObject()
            .put("type", d.type())
            .put("description", d.description())
            .put("investment", d.investment())
            .put("money_saving", d.money())
            .put("savings", savings(d))
            .put(
                "feasibility",
                new JsonObject()
                    .put("technical", "feasible")
                    .put("economic", d.decision().equals("rejected") ? "not_feasible" : "feasible")
                    .put("environmental", "feasible"))
            .put("decision", d.decision());
    if (d.implemented() != null) {
      o.put("implemented_on", d.implemented().toString());
    }
    if (d.linked()) {
      // the pilot site: the enterprise lets the catalogue name it
      o.put("enpi", DemoSeeder.ENPI)
          .put("measure_date", d.implemented().toString())
          .put("catalogue_named", true);
    }
    store.putOption(
        who, Scope.ALL, enterprise, ASSESSMENT, d.code(), CpInput.option(o), clock.instant());
  }

  private static JsonObject member(String name, String role, String position) {
    return new JsonObject().put("name", name).put("role", role).put("position", position);
  }

  private static JsonObject step(String name, List<JsonObject> in, List<JsonObject> out) {
    return new JsonObject()
        .put("name", name)
        .put("inputs", new JsonArray(List.copyOf(in)))
        .put("outputs", new JsonArray(List.copyOf(out)));
  }

  private static JsonObject flow(String kind, String name, Number amount, String unit) {
    JsonObject f = new JsonObject().put("kind", kind).put("name", name);
    if (amount != null) {
      f.put("amount", amount);
    }
    if (unit != null) {
      f.put("unit", unit);
    }
    return f;
  }

  private static JsonObject cause(String stream, String cause, double cost) {
    return new JsonObject().put("stream", stream).put("cause", cause).put("yearly_cost", cost);
  }
}
