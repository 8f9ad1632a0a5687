package org.energytrace.analytics.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.energytrace.analytics.AnalyticsException;
import org.energytrace.analytics.baseline.DataSet;
import org.energytrace.analytics.baseline.ModelSelector;
import org.energytrace.analytics.report.MvAnalysis;
import org.energytrace.analytics.report.MvReport;
import org.energytrace.analytics.report.TextReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code analytics mv}: baseline model, savings and uncertainty from two CSV files. */
@Command(
    name = "mv",
    mixinStandardHelpOptions = true,
    description = {
      "Fits a baseline model and reports avoided energy with its uncertainty"
          + " (ASHRAE Guideline 14, IPMVP Option B/C). See docs/mv-method.md.",
      "CSV: header row; 'period' (ISO date or date-time, the period start), 'energy', one column"
          + " per independent variable (production, production_b, cdd, temperature, ...)."
    })
final class MvCommand implements Callable<Integer> {

  /** Exit status for bad input data or a model that cannot be fitted. */
  static final int EXIT_DATA_ERROR = 1;

  enum Format {
    json,
    text
  }

  enum Model {
    auto,
    ratio,
    ols,
    changepoint
  }

  @Spec CommandSpec spec;

  @Option(names = "--baseline", required = true, paramLabel = "B.csv", description = "baseline")
  Path baseline;

  @Option(names = "--reporting", required = true, paramLabel = "R.csv", description = "reporting")
  Path reporting;

  @Option(
      names = "--model",
      defaultValue = "auto",
      description = "auto, ratio, ols or changepoint (default: ${DEFAULT-VALUE})")
  Model model;

  @Option(
      names = "--confidence",
      defaultValue = "90",
      paramLabel = "PERCENT",
      description = "two-sided confidence level in percent, e.g. 68, 90, 95 (default: 90)")
  double confidence;

  @Option(names = "--format", defaultValue = "json", description = "json or text (default: json)")
  Format format;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if (!(confidence > 0 && confidence < 100)) {
      err.println("error: --confidence must be a percentage between 0 and 100, got " + confidence);
      err.flush();
      return EXIT_DATA_ERROR;
    }
    String output;
    try {
      output = render(analyse());
    } catch (InputException e) {
      err.println("error: " + e.getMessage());
      err.flush();
      return EXIT_DATA_ERROR;
    }
    // output is written only once everything has been computed: never half a report
    out.print(output);
    out.flush();
    return 0;
  }

  private MvReport analyse() {
    DataSet base = CsvDataReader.read(baseline);
    DataSet rep = CsvDataReader.read(reporting);
    if (base.size() == 0) {
      throw new InputException(baseline, 0, null, "the baseline period has no data rows");
    }
    if (rep.size() == 0) {
      throw new InputException(reporting, 0, null, "the reporting period has no data rows");
    }
    for (String v : base.variables()) {
      if (!rep.variables().contains(v)) {
        throw new InputException(
            reporting, 1, v, "missing column (the baseline has it: " + base.variables() + ")");
      }
    }
    ModelSelector.Request request =
        ModelSelector.Request.valueOf(model.name().toUpperCase(Locale.ROOT));
    try {
      return MvAnalysis.run(base, rep, request, confidence / 100.0);
    } catch (AnalyticsException e) {
      throw new InputException(baseline, 0, null, e.getMessage());
    }
  }

  private String render(MvReport report) {
    if (format == Format.text) {
      return TextReport.render(report);
    }
    try {
      DefaultPrettyPrinter printer =
          new DefaultPrettyPrinter().withObjectIndenter(new DefaultIndenter("  ", "\n"));
      return new ObjectMapper().writer(printer).writeValueAsString(report.tree()) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialise the report", e);
    }
  }
}
