package org.energytrace.ingest.cp;

import static org.energytrace.ingest.cp.CpParams.code;
import static org.energytrace.ingest.cp.CpParams.enterprise;
import static org.energytrace.ingest.web.Params.query;

import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.energytrace.ingest.auth.Principal;
import org.energytrace.ingest.auth.Who;
import org.energytrace.ingest.errors.DomainException;
import org.energytrace.ingest.programme.ProgrammeExport;
import org.energytrace.ingest.web.Blocking;
import org.energytrace.ingest.web.Fields;
import org.energytrace.ingest.web.Params;

/**
 * An enterprise's CP assessments ({@code putCpAssessment}, {@code getCpAssessment}, the balance
 * filled from stored data, options, the report) and the officers' search ({@code
 * searchCpAssessments}). Each handler runs on a worker thread ({@link CpRoutes}).
 */
final class CpAssessmentRoutes {
  private final PgCpAssessments store;
  private final CpCatalogue catalogue;
  private final Clock clock;

  CpAssessmentRoutes(PgCpAssessments store, CpCatalogue catalogue, Clock clock) {
    this.store = store;
    this.catalogue = catalogue;
    this.clock = clock;
  }

  Object put(RoutingContext ctx) {
    String e = enterprise(ctx);
    String code = code(ctx, "assessment");
    CpInput.Assessment a = CpInput.assessment(Params.nonEmptyBody(ctx));
    notFuture("started_on", a.startedOn(), "an assessment is recorded once it has begun");
    boolean created = store.put(Who.of(ctx), Principal.scope(ctx), e, code, a, clock.instant());
    Map<String, Object> out = store.get(Principal.scope(ctx), e, code);
    return created ? Blocking.Answer.created(out) : out;
  }

  /** Refuses a day after today in the province, naming the field. */
  private void notFuture(String field, LocalDate day, String why) {
    if (day != null && day.isAfter(LocalDate.now(clock.withZone(ProgrammeExport.ZONE)))) {
      throw DomainException.invalid(field, why + "; " + day + " is in the future");
    }
  }

  Object get(RoutingContext ctx) {
    String e = enterprise(ctx);
    String code = code(ctx, "assessment");
    return withVerified(store.get(Principal.scope(ctx), e, code), e, code);
  }

  /** Each option linked to an EnPI gets its verified savings beside the expected ones. */
  @SuppressWarnings("unchecked")
  private Map<String, Object> withVerified(Map<String, Object> a, String e, String code) {
    Map<String, Object> verified = catalogue.verifiedOf(e, code);
    for (Map<String, Object> o : (List<Map<String, Object>>) a.get("options")) {
      o.put("verified", verified.get((String) o.get("code")));
    }
    return a;
  }

  Object prefill(RoutingContext ctx) {
    String e = enterprise(ctx);
    String code = code(ctx, "assessment");
    Fields f = new Fields(Params.nonEmptyBody(ctx).getMap(), "");
    f.only(java.util.Set.of("from", "to"));
    LocalDate from = f.date("from", true);
    LocalDate to = f.date("to", true);
    f.throwFirst();
    DomainException.requireNotBefore("from", from, "to", to);
    if (ChronoUnit.DAYS.between(from, to) > 366) {
      throw DomainException.invalid("to", "a balance period is at most a year (367 days)");
    }
    store
        .prefill()
        .prefillBalance(Who.of(ctx), Principal.scope(ctx), e, code, from, to, clock.instant());
    return store.get(Principal.scope(ctx), e, code);
  }

  Object putOption(RoutingContext ctx) {
    String e = enterprise(ctx);
    String code = code(ctx, "assessment");
    String option = code(ctx, "option");
    CpInput.Option o = CpInput.option(Params.nonEmptyBody(ctx));
    // an option implemented later drops out of every period report's measures without a word
    notFuture("implemented_on", o.implementedOn(), "an option is implemented once it is in use");
    boolean created =
        store.putOption(Who.of(ctx), Principal.scope(ctx), e, code, option, o, clock.instant());
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> options =
        (List<Map<String, Object>>) store.get(Principal.scope(ctx), e, code).get("options");
    Map<String, Object> out =
        options.stream().filter(x -> option.equals(x.get("code"))).findFirst().orElseThrow();
    return created ? Blocking.Answer.created(out) : out;
  }

  Object report(RoutingContext ctx) {
    String e = enterprise(ctx);
    String code = code(ctx, "assessment");
    String format = query(ctx, "format");
    String lang = query(ctx, "lang");
    if (format == null) {
      format = "pdf";
    }
    if (!List.of("pdf", "xlsx", "docx").contains(format)) {
      throw DomainException.invalid("format", "pdf, xlsx or docx, got '" + format + "'");
    }
    if (lang == null) {
      lang = "vi";
    }
    if (!List.of("vi", "en").contains(lang)) {
      throw DomainException.invalid("lang", "vi or en, got '" + lang + "'");
    }
    Map<String, Object> a = withVerified(store.get(Principal.scope(ctx), e, code), e, code);
    CpReport r = new CpReport(lang);
    String name = "cp-" + e + "-" + code + "-" + lang + "." + format;
    return switch (format) {
      case "pdf" -> new Blocking.File("application/pdf", name, r.pdf(a));
      case "xlsx" ->
          new Blocking.File(
              "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", name, r.xlsx(a));
      default ->
          new Blocking.File(
              "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
              name,
              r.docx(a));
    };
  }

  Object search(RoutingContext ctx) {
    String district = query(ctx, "district");
    String sector = query(ctx, "sector");
    if (sector != null && !sector.matches("[0-9]{1,4}")) {
      throw DomainException.invalid(
          "sector", "a VSIC code or prefix (1 to 4 digits), got '" + sector + "'");
    }
    String park = query(ctx, "park");
    String type = query(ctx, "option_type");
    if (type != null && !CpInput.OPTION_TYPES.contains(type)) {
      throw DomainException.invalid(
          "option_type", "must be one of " + String.join(", ", CpInput.OPTION_TYPES));
    }
    String status = query(ctx, "status");
    if (status != null && !CpInput.STATUSES.contains(status)) {
      throw DomainException.invalid(
          "status", "must be one of " + String.join(", ", CpInput.STATUSES));
    }
    Double min = null;
    String m = query(ctx, "min_saving");
    if (m != null) {
      try {
        min = Double.parseDouble(m);
      } catch (NumberFormatException ex) {
        min = null;
      }
      if (min == null || !Double.isFinite(min) || min < 0 || min > CpInput.MAX_MONEY) {
        throw DomainException.invalid("min_saving", "a yearly saving in VND, 0 to 1e15");
      }
    }
    List<Object> rows = new ArrayList<>();
    for (PgCpAssessments.Row r : store.search(Principal.scope(ctx))) {
      if ((district != null && !district.equals(r.district()))
          || (park != null && !park.equals(r.park()))
          || (sector != null && (r.vsic() == null || !r.vsic().startsWith(sector)))
          || (type != null && !r.optionTypes().contains(type))
          || (status != null && !status.equals(r.status()))
          || (min != null && r.moneySaving() < min)) {
        continue;
      }
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("enterprise", r.enterprise());
      row.put("assessment", r.code());
      row.put("site", r.site());
      row.put("title", r.title());
      row.put("status", r.status());
      row.put("district", r.district());
      row.put("industrial_park", r.park());
      row.put("vsic", r.vsic());
      row.put("option_types", r.optionTypes());
      row.put("options", r.options());
      row.put("implemented", r.implemented());
      row.put("investment", r.investment());
      row.put("money_saving", r.moneySaving());
      row.put("payback_years", PgCpAssessments.payback(r.investment(), r.moneySaving()));
      rows.add(row);
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("assessments", rows);
    return out;
  }
}
