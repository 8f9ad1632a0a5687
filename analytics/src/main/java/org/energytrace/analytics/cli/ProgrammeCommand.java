package org.energytrace.analytics.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Function;
import java.util.function.Predicate;
import org.energytrace.analytics.AnalyticsException;
import org.energytrace.analytics.domain.Enterprise;
import org.energytrace.analytics.json.Json;
import org.energytrace.analytics.report.CarrierAmount;
import org.energytrace.analytics.report.CpStatus;
import org.energytrace.analytics.report.EnterpriseResult;
import org.energytrace.analytics.report.ProgrammeCalculator;
import org.energytrace.analytics.report.ProgrammeData;
import org.energytrace.analytics.report.ProgrammeIndicators;
import org.energytrace.analytics.report.ProgrammeIndicatorsText;
import org.energytrace.analytics.report.ProgrammeInput;
import org.energytrace.analytics.report.ProgrammeInputJson;
import org.energytrace.analytics.report.ProgrammeReport;
import org.energytrace.analytics.report.ProgrammeRequest;
import org.energytrace.analytics.report.ProgrammeScope;
import org.energytrace.analytics.report.ProgrammeText;
import org.energytrace.analytics.report.ReportPeriod;
import org.energytrace.analytics.report.VerifiedSaving;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code analytics programme}: the province's CP programme report from per-enterprise results
 * (docs/programme-reporting.md gives the input format). Errors name the file, the enterprise (row)
 * and the field (column); a JSON syntax error names the line and column.
 */
@Command(
    name = "programme",
    mixinStandardHelpOptions = true,
    description = {
      "Province programme indicators (JSON input, docs/programme-reporting.md): the facilities"
          + " format (energytrace-programme/2) gives the indicators as of a date with numerator,"
          + " denominator and facilities; the older per-enterprise format the period report."
    })
final class ProgrammeCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Option(names = "--input", required = true, paramLabel = "results.json")
  Path input;

  @Option(
      names = "--period",
      paramLabel = "2026-H1|2026",
      description = "half year or year (default: the input's 'period')")
  String period;

  @Option(
      names = "--grid-year",
      paramLabel = "YEAR",
      description = "year of the grid CO2 factor (default: the input's, else the period's)")
  Integer gridYear;

  @Mixin FormatOption format;

  @Option(
      names = "--as-of",
      paramLabel = "YYYY-MM-DD",
      description =
          "facilities input: compute the indicators as of this date (default: the input's)")
  String asOf;

  @Option(names = "--district", description = "facilities input: only this district")
  String district;

  @Option(names = "--sector", description = "facilities input: only this VSIC code or prefix")
  String sector;

  @Option(names = "--park", description = "facilities input: only this industrial park")
  String park;

  /** A bad input located by row (enterprise) and column (field). */
  private static final class Bad extends RuntimeException {
    Bad(String message) {
      super(message);
    }
  }

  /** An option's value that is not one: a bad command line (exit 2). */
  private static final class BadOption extends RuntimeException {
    BadOption(String message) {
      super(message);
    }
  }

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    String output;
    try {
      output = computeAndRender();
    } catch (BadOption e) {
      return CommandEnd.error(err, MvCommand.EXIT_USAGE, e.getMessage());
    } catch (Bad | AnalyticsException e) {
      return CommandEnd.error(err, MvCommand.EXIT_DATA_ERROR, input + ": " + e.getMessage());
    }
    return CommandEnd.output(out, output);
  }

  /**
   * The facilities format ({@code energytrace-programme/2}, with {@code facilities}): indicators as
   * of a date; the older per-enterprise format ({@code enterprises}) gives the period report.
   */
  private String computeAndRender() {
    String text;
    try {
      text = Files.readString(input, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new Bad("cannot read the file: " + e.getMessage());
    }
    if (text.isBlank()) {
      throw new Bad("the file is empty");
    }
    Map<String, Object> root;
    try {
      root = Json.parseObject(text);
    } catch (AnalyticsException e) {
      root = null; // the legacy reader reports JSON errors with its own locations
    }
    if (root != null && ProgrammeInputJson.isThisFormat(root)) {
      ProgrammeIndicators r = indicators(text);
      return format.text() ? ProgrammeIndicatorsText.render(r) : r.json();
    }
    if (asOf != null || district != null || sector != null || park != null) {
      throw new Bad("--as-of, --district, --sector and --park need the facilities input format");
    }
    return render(compute(text));
  }

  private ProgrammeIndicators indicators(String text) {
    ProgrammeInput in = ProgrammeInputJson.read(text);
    if (asOf != null) {
      try {
        in = in.withAsOf(LocalDate.parse(asOf));
      } catch (DateTimeParseException e) {
        throw new BadOption("--as-of: not an ISO date: '" + asOf + "'");
      }
    }
    if (period != null) {
      try {
        in = in.withPeriod(ReportPeriod.parse(period));
      } catch (AnalyticsException e) {
        throw new BadOption("--period: " + e.getMessage());
      }
    }
    return ProgrammeCalculator.indicators(
        in, new ProgrammeScope(district, sector, park), ProgrammeData.bundled());
  }

  private ProgrammeReport compute(String text) {
    JsonNode root;
    try {
      root = new ObjectMapper().readTree(text);
    } catch (JsonProcessingException e) {
      throw new Bad(
          "line "
              + e.getLocation().getLineNr()
              + ", column "
              + e.getLocation().getColumnNr()
              + ": not valid JSON: "
              + e.getOriginalMessage());
    }
    if (!root.isObject()) {
      throw new Bad("the top level must be an object");
    }
    String label = period != null ? period : text(root, "period", "", true);
    ReportPeriod p;
    try {
      p = ReportPeriod.parse(label);
    } catch (AnalyticsException e) {
      if (period != null) {
        throw new BadOption("--period: " + e.getMessage());
      }
      throw new Bad("column 'period': " + e.getMessage());
    }
    Integer year = gridYear;
    if (year == null && root.hasNonNull("grid_factor_year")) {
      year = (int) number(root, "grid_factor_year", "");
    }
    double confidence = number(root, "confidence", "");
    JsonNode list = root.get("enterprises");
    if (list == null || !list.isArray()) {
      throw new Bad("column 'enterprises': missing or not a list");
    }
    List<EnterpriseResult> results = new ArrayList<>();
    for (int i = 0; i < list.size(); i++) {
      String row = "enterprises[" + i + "]";
      try {
        results.add(enterprise(list.get(i), row));
      } catch (AnalyticsException | IllegalArgumentException e) {
        throw new Bad("row " + row + ": " + e.getMessage());
      }
    }
    try {
      return ProgrammeCalculator.compute(
          new ProgrammeRequest(text(root, "province", "", true), p, confidence, year),
          results,
          ProgrammeData.bundled());
    } catch (IllegalArgumentException e) {
      throw new Bad(e.getMessage());
    }
  }

  private static EnterpriseResult enterprise(JsonNode n, String row) {
    Enterprise e =
        new Enterprise(
            text(n, "id", row, true),
            text(n, "name", row, false),
            text(n, "vsic", row, true),
            text(n, "district", row, false),
            text(n, "industrial_park", row, false),
            bool(n, "key_energy_user", row),
            List.of());
    JsonNode cp = object(n, "cp", row, true);
    CpStatus status =
        new CpStatus(
            bool(cp, "aware", row + ".cp"),
            bool(cp, "applying", row + ".cp"),
            bool(cp, "has_cp_unit", row + ".cp"));
    JsonNode s = object(n, "saving", row, false);
    VerifiedSaving saving = null;
    if (s != null) {
      String r = row + ".saving";
      saving =
          new VerifiedSaving(
              date(s, "from", r),
              date(s, "to", r),
              text(s, "sec_unit", r, true),
              number(s, "baseline_sec", r),
              number(s, "reporting_sec", r),
              number(s, "savings_fraction", r),
              number(s, "fraction_low", r),
              number(s, "fraction_high", r),
              number(s, "confidence", r),
              bool(s, "model_valid", r),
              amounts(s, "energy_saved", r),
              text(s, "method_version", r, true));
    }
    return new EnterpriseResult(
        e, status, saving, amounts(n, "annual_consumption", row), text(n, "norm_id", row, false));
  }

  private static List<CarrierAmount> amounts(JsonNode n, String field, String row) {
    JsonNode list = n.get(field);
    if (list == null || list.isNull()) {
      return List.of();
    }
    if (!list.isArray()) {
      throw new Bad("row " + row + ", column '" + field + "': not a list");
    }
    List<CarrierAmount> out = new ArrayList<>();
    for (int i = 0; i < list.size(); i++) {
      String r = row + "." + field + "[" + i + "]";
      JsonNode a = list.get(i);
      double half = a.hasNonNull("half_width") ? number(a, "half_width", r) : 0;
      out.add(
          new CarrierAmount(
              text(a, "carrier", r, true), text(a, "unit", r, true), number(a, "amount", r), half));
    }
    return out;
  }

  private static JsonNode object(JsonNode n, String field, String row, boolean required) {
    return field(n, field, row, required, JsonNode::isObject, v -> "must be an object");
  }

  private static String text(JsonNode n, String field, String row, boolean required) {
    JsonNode v =
        field(n, field, row, required, JsonNode::isTextual, x -> "must be a string, got " + x);
    return v == null ? null : v.asText();
  }

  private static double number(JsonNode n, String field, String row) {
    return field(n, field, row, true, JsonNode::isNumber, v -> "not a number: " + v).asDouble();
  }

  /**
   * The field's node when it is {@code ok}; null when it is absent (or JSON null) and not {@code
   * required}; else a {@link Bad} naming the row and column, with "missing" or {@code problem}.
   */
  private static JsonNode field(
      JsonNode n,
      String field,
      String row,
      boolean required,
      Predicate<JsonNode> ok,
      Function<JsonNode, String> problem) {
    JsonNode v = n.get(field);
    if (v == null || v.isNull()) {
      if (required) {
        throw new Bad(where(row, field) + "missing");
      }
      return null;
    }
    if (!ok.test(v)) {
      throw new Bad(where(row, field) + problem.apply(v));
    }
    return v;
  }

  private static boolean bool(JsonNode n, String field, String row) {
    JsonNode v = n.get(field);
    if (v == null || !v.isBoolean()) {
      throw new Bad(where(row, field) + "must be true or false");
    }
    return v.asBoolean();
  }

  private static LocalDate date(JsonNode n, String field, String row) {
    String s = text(n, field, row, true);
    try {
      return LocalDate.parse(s);
    } catch (DateTimeParseException e) {
      throw new Bad(where(row, field) + "not an ISO date: '" + s + "'");
    }
  }

  private static String where(String row, String field) {
    return (row.isEmpty() ? "" : "row " + row + ", ") + "column '" + field + "': ";
  }

  private String render(ProgrammeReport report) {
    return format.text() ? ProgrammeText.render(report) : report.json();
  }
}
