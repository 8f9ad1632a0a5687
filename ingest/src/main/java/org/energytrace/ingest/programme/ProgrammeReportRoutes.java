package org.energytrace.ingest.programme;

import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.text.Normalizer;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import javax.sql.DataSource;
import org.energytrace.analytics.AnalyticsException;
import org.energytrace.analytics.integrity.Sha256;
import org.energytrace.analytics.report.Facility;
import org.energytrace.analytics.report.ProgrammeCalculator;
import org.energytrace.analytics.report.ProgrammeData;
import org.energytrace.analytics.report.ProgrammeIndicators;
import org.energytrace.analytics.report.ProgrammeScope;
import org.energytrace.analytics.report.ProgrammeTargets;
import org.energytrace.analytics.report.ReportPeriod;
import org.energytrace.analytics.report.ResourceSaving;
import org.energytrace.ingest.audit.Downloads;
import org.energytrace.ingest.auth.ApiRouter;
import org.energytrace.ingest.auth.Principal;
import org.energytrace.ingest.auth.Who;
import org.energytrace.ingest.documents.TableDocument;
import org.energytrace.ingest.errors.DomainException;
import org.energytrace.ingest.errors.NotFoundException;
import org.energytrace.ingest.jdbc.Sql;
import org.energytrace.ingest.tenant.Scope;
import org.energytrace.ingest.web.Blocking;
import org.energytrace.ingest.web.HttpErrors;

/**
 * The programme reports of a period as PDF or XLSX (issue 16; docs/programme-reporting.md,
 * "Province and district reports"): the province's ({@code getProgrammeReport}, province staff), a
 * district's ({@code getProgrammeDistrictReport}, province staff and the district's officers) and
 * an industrial park's ({@code getProgrammeParkReport}, province staff and the park's officers).
 * Which district or park an officer may have is decided at the gate ({@code
 * AccessPolicy.Target.PATH_AREA}).
 *
 * <p>The figures are {@link ProgrammeCalculator#indicators} on the input {@link ProgrammeExport}
 * reads — exactly what {@code GET /api/v1/programme/indicators?period=P&district=D} answers as JSON
 * — for the period and for the three periods of the same length before it (the trend).
 *
 * <p>Each report sent is audited as {@code programme.report.download} (who, the area and period as
 * the target, the SHA-256 sent as {@code X-Content-SHA256}, the file name and size).
 */
public final class ProgrammeReportRoutes {
  static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

  /** Audit action of a report's download. */
  static final String DOWNLOAD = "programme.report.download";

  /** How many periods before the reported one the trend shows. */
  static final int TREND_PERIODS = 3;

  private final Blocking blocking;
  private final ProgrammeExport export;
  private final DataSource dataSource;
  private final Clock clock;
  private final Integer gridFactorYear;
  private final ProgrammeData data = ProgrammeData.bundled();

  /**
   * @param gridFactorYear the year of the grid CO2 factor when a request names none
   *     (dashboards.grid_factor_year; null: each day's own year)
   */
  public ProgrammeReportRoutes(
      Vertx vertx,
      ProgrammeExport export,
      DataSource dataSource,
      Clock clock,
      Integer gridFactorYear) {
    this.blocking = Blocking.noStore(vertx).answering(ProgrammeReportRoutes::unprocessable);
    this.export = export;
    this.dataSource = dataSource;
    this.clock = clock;
    this.gridFactorYear = gridFactorYear;
  }

  public void mount(Router router) {
    ApiRouter api = ApiRouter.of(router);
    api.bind("getProgrammeReport", blocking.parsing(ctx -> report(ctx, "province", null)));
    api.bind(
        "getProgrammeDistrictReport",
        blocking.parsing(ctx -> report(ctx, "district", ctx.pathParam("district"))));
    api.bind(
        "getProgrammeParkReport",
        blocking.parsing(ctx -> report(ctx, "park", ctx.pathParam("park"))));
  }

  /** What was asked: the area, the period, the format, the language and the grid factor's year. */
  record Request(
      ProgrammeReportDocument.Area area,
      ReportPeriod period,
      String format,
      String lang,
      Integer gridYear) {}

  private Callable<Blocking.File> report(RoutingContext ctx, String kind, String name) {
    Request req =
        new Request(
            new ProgrammeReportDocument.Area(
                kind, kind.equals("province") ? ProgrammeExport.PROVINCE : name),
            period(ctx),
            oneOf(ctx, "format", List.of("pdf", "xlsx")),
            oneOf(ctx, "lang", List.of("vi", "en")),
            ProgrammeParams.gridYear(ctx, gridFactorYear));
    Scope scope = Principal.scope(ctx);
    Who actor = Who.of(ctx);
    return () -> {
      byte[] bytes = render(scope, req);
      String sha256 = Sha256.hex(bytes);
      String file = fileName(req);
      // the report the province relies on: who had which bytes, before they leave
      Downloads.record(
          dataSource,
          new Downloads.Read(
              actor, clock.instant(), DOWNLOAD, null, target(req), sha256, file, bytes.length));
      return new Blocking.File(
          req.format().equals("pdf") ? "application/pdf" : XLSX, file, bytes, sha256);
    };
  }

  /**
   * The audit target of a report: {@code programme/report/province/{period}}, {@code
   * programme/report/district/{district}/{period}} or {@code
   * programme/report/park/{park}/{period}}.
   */
  static String target(Request req) {
    return "programme/report/"
        + req.area().kind()
        + (req.area().kind().equals("province") ? "" : "/" + req.area().name())
        + "/"
        + req.period().label();
  }

  /** The data cannot give a report: 422 with the analytics' reason. */
  private static boolean unprocessable(RoutingContext ctx, Throwable e) {
    if (e instanceof AnalyticsException a) {
      HttpErrors.unprocessable(ctx, a.code().name().toLowerCase(Locale.ROOT), a.getMessage());
      return true;
    }
    return false;
  }

  static String fileName(Request req) {
    String area =
        req.area().kind().equals("province")
            ? "province"
            : req.area().kind() + "-" + ascii(req.area().name());
    return "programme-" + area + "-" + req.period().label() + "-" + req.lang() + "." + req.format();
  }

  /** "Thủ Dầu Một" → "thu-dau-mot": a file name any system takes. */
  static String ascii(String s) {
    String n =
        Normalizer.normalize(s.replace('đ', 'd').replace('Đ', 'D'), Normalizer.Form.NFD)
            .replaceAll("\\p{M}", "")
            .toLowerCase(Locale.ROOT)
            .replaceAll("[^a-z0-9]+", "-")
            .replaceAll("(^-|-$)", "");
    return n.isEmpty() ? "area" : n;
  }

  /** The report's bytes: blocking (reads the registry, computes, renders). */
  byte[] render(Scope scope, Request req) {
    ProgrammeScope area =
        switch (req.area().kind()) {
          case "district" -> new ProgrammeScope(req.area().name(), null, null);
          case "park" -> new ProgrammeScope(null, null, req.area().name());
          default -> ProgrammeScope.PROVINCE;
        };
    Map<String, ProgrammeExport.Loaded> loaded =
        export.load(scope, null, ProgrammeExport.CONFIDENCE);
    if (!req.area().kind().equals("province")
        && loaded.values().stream().noneMatch(l -> area.covers(l.facility()))) {
      throw new NotFoundException(
          "no facility of the registry lies in " + req.area().kind() + " " + req.area().name());
    }
    List<Facility> facilities =
        loaded.values().stream().map(ProgrammeExport.Loaded::facility).toList();
    List<ProgrammeTargets> targets = export.targets();
    // a period not over yet is reported as of today, and the report says so
    LocalDate asOf = ProgrammeParams.asOf(req.period(), clock);
    ProgrammeIndicators now =
        indicators(facilities, targets, req.period(), asOf, area, req.gridYear());
    List<ProgrammeIndicators> previous = new ArrayList<>();
    for (ReportPeriod p : previous(req.period(), TREND_PERIODS)) {
      previous.add(
          indicators(facilities, targets, p, ProgrammeParams.asOf(p, clock), area, req.gridYear()));
    }
    List<ProgrammeReportDocument.FacilityRow> rows = new ArrayList<>();
    List<ProgrammeExport.Loaded> inReport = new ArrayList<>();
    for (ProgrammeExport.Loaded l : loaded.values()) {
      Facility f = l.facility();
      if (!area.covers(f) || !f.registered(asOf)) {
        continue;
      }
      inReport.add(l);
      Map<String, Object> keyUser = export.keyEnergyUser(l, asOf.getYear() - 1);
      rows.add(
          new ProgrammeReportDocument.FacilityRow(
              l.code(),
              l.profile().legalNameVi(),
              f.district(),
              f.vsic(),
              f.industrialPark(),
              FacilityRoutes.stage(f, asOf),
              FacilityRoutes.toBeReverified(l, FacilityRoutes.stage(f, asOf), asOf),
              f.hasPotential(asOf),
              f.officers().stream().filter(o -> o.registered(asOf)).count(),
              f.officers().stream().filter(o -> o.registered(asOf) && o.trained(asOf)).count(),
              Boolean.TRUE.equals(keyUser.get("key_energy_user")),
              !Boolean.FALSE.equals(keyUser.get("complete"))));
    }
    List<ProgrammeReportDocument.PilotRow> pilots =
        pilots(inReport, req.period(), asOf, req.lang());
    ProgrammeReportDocument doc = new ProgrammeReportDocument(req.lang());
    TableDocument d = doc.document(req.area(), now, previous, rows, pilots, clock.instant());
    return req.format().equals("pdf") ? d.pdf(doc.none()) : d.xlsx(doc.frontSheet());
  }

  /**
   * As the indicators API computes them for {@code ?period=P}: as of its last day, against the
   * targets in force then.
   */
  private ProgrammeIndicators indicators(
      List<Facility> facilities,
      List<ProgrammeTargets> targets,
      ReportPeriod period,
      LocalDate asOf,
      ProgrammeScope area,
      Integer gridYear) {
    return ProgrammeCalculator.indicators(
        new org.energytrace.analytics.report.ProgrammeInput(
            ProgrammeExport.PROVINCE,
            asOf,
            period,
            ProgrammeExport.CONFIDENCE,
            gridYear,
            facilities,
            targets),
        area,
        data);
  }

  /** The {@code n} periods of the same length before {@code p}, oldest first. */
  static List<ReportPeriod> previous(ReportPeriod p, int n) {
    List<ReportPeriod> out = new ArrayList<>();
    String label = p.label();
    for (int i = 0; i < n; i++) {
      label = before(label);
      out.add(0, ReportPeriod.parse(label));
    }
    return out;
  }

  static String before(String label) {
    int year = Integer.parseInt(label.substring(0, 4));
    if (label.length() == 4) {
      return Integer.toString(year - 1);
    }
    return label.endsWith("H2") ? year + "-H1" : (year - 1) + "-H2";
  }

  /**
   * The pilot sites among the report's facilities — those with a site published on the showcase —
   * and their savings of the period as the indicators count them (ended by its last day, inside it;
   * verified when verified by then), per resource the latest.
   */
  private List<ProgrammeReportDocument.PilotRow> pilots(
      List<ProgrammeExport.Loaded> facilities, ReportPeriod period, LocalDate asOf, String lang) {
    Map<String, List<String>> sites = publishedSites(lang);
    List<ProgrammeReportDocument.PilotRow> out = new ArrayList<>();
    for (ProgrammeExport.Loaded l : facilities) {
      List<String> s = sites.get(l.code());
      if (s == null) {
        continue;
      }
      Map<String, ResourceSaving> latest = pilotSavings(l.facility().savings(), period, asOf);
      for (ResourceSaving r : latest.values()) {
        boolean verified = verifiedBy(r, asOf);
        out.add(
            new ProgrammeReportDocument.PilotRow(
                l.code(),
                l.profile().legalNameVi(),
                String.join(", ", s),
                r.resource(),
                verified ? "verified" : "indicative",
                r.from().toString(),
                r.to().toString(),
                r.fraction(),
                r.fractionLow(),
                r.fractionHigh(),
                r.amount(),
                r.unit(),
                r.money(),
                r.currency(),
                carrierShare(l, r)));
      }
      if (latest.isEmpty()) {
        out.add(
            new ProgrammeReportDocument.PilotRow(
                l.code(),
                l.profile().legalNameVi(),
                String.join(", ", s),
                "—",
                "none",
                null,
                null,
                Double.NaN,
                Double.NaN,
                Double.NaN,
                Double.NaN,
                "—",
                null,
                null,
                false));
      }
    }
    return out;
  }

  /**
   * Whether the registry holds {@code r} as its carrier's share of the saving of an EnPI over
   * several carriers ({@code carrier_share}, as the facility's savings were loaded), not a saving
   * of that carrier measured alone (docs/programme-reporting.md).
   */
  private static boolean carrierShare(ProgrammeExport.Loaded l, ResourceSaving r) {
    return l.savings().stream()
        .anyMatch(
            s ->
                r.resource().equals(s.get("resource"))
                    && r.from().toString().equals(s.get("from"))
                    && r.to().toString().equals(s.get("to"))
                    && Boolean.TRUE.equals(s.get("carrier_share")));
  }

  /**
   * A pilot site's saving per resource: of those inside the period and ended by {@code asOf}, the
   * latest verified by then, else the latest indicative (on a tie, the later recorded). A saving
   * typed beside a verified one of the same resource showed in the verified one's place.
   */
  static Map<String, ResourceSaving> pilotSavings(
      List<ResourceSaving> savings, ReportPeriod period, LocalDate asOf) {
    Map<String, ResourceSaving> out = new TreeMap<>();
    for (ResourceSaving r : savings) {
      if (!period.contains(r.from(), r.to()) || r.to().isAfter(asOf)) {
        continue;
      }
      ResourceSaving before = out.get(r.resource());
      boolean verified = verifiedBy(r, asOf);
      if (before == null
          || (verified && !verifiedBy(before, asOf))
          || (verified == verifiedBy(before, asOf) && !r.to().isBefore(before.to()))) {
        out.put(r.resource(), r);
      }
    }
    return out;
  }

  private static boolean verifiedBy(ResourceSaving r, LocalDate asOf) {
    return r.verified() && !r.verifiedOn().isAfter(asOf);
  }

  /** The published sites by enterprise, named in {@code lang} (the Vietnamese name else). */
  private Map<String, List<String>> publishedSites(String lang) {
    Map<String, List<String>> out = new LinkedHashMap<>();
    for (String[] site :
        Sql.list(
            dataSource,
            "reading the published sites",
            "SELECT e.code, "
                + (lang.equals("en")
                    ? "coalesce(s.name_en, s.name_vi, s.code)"
                    : "coalesce(s.name_vi, s.code)")
                + " FROM site s"
                + " JOIN enterprise e USING (enterprise_id)"
                + " JOIN programme_facility f ON f.enterprise_id = e.enterprise_id"
                + " WHERE s.published ORDER BY e.code, s.code",
            Sql.NONE,
            rs -> new String[] {rs.getString(1), rs.getString(2)})) {
      out.computeIfAbsent(site[0], k -> new ArrayList<>()).add(site[1]);
    }
    return out;
  }

  // ---- parameters ----

  private static String query(RoutingContext ctx, String name) {
    String v = ctx.queryParams().get(name);
    if (v == null || v.isBlank()) {
      return null;
    }
    if (v.length() > 40) {
      throw DomainException.invalid(name, "at most 40 characters");
    }
    return v.strip();
  }

  private static ReportPeriod period(RoutingContext ctx) {
    String label = query(ctx, "period");
    if (label == null) {
      throw DomainException.invalid("period", "required: a half-year 2026-H1 or a year 2026");
    }
    try {
      ReportPeriod p = ReportPeriod.parse(label);
      if (p.from().getYear() < 2000 || p.from().getYear() > 2100) {
        throw DomainException.invalid("period", "a year from 2000 to 2100");
      }
      return p;
    } catch (AnalyticsException e) {
      throw DomainException.invalid(
          "period", "a half-year 2026-H1 or a year 2026, got '" + label + "'");
    }
  }

  private static String oneOf(RoutingContext ctx, String name, List<String> values) {
    String v = query(ctx, name);
    if (v == null) {
      return values.get(0);
    }
    if (!values.contains(v)) {
      throw DomainException.invalid(name, String.join(" or ", values) + ", got '" + v + "'");
    }
    return v;
  }
}
