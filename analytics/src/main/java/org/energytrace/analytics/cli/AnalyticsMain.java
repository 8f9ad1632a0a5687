package org.energytrace.analytics.cli;

import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The composition root of the analytics command line: {@code analytics mv --baseline B.csv
 * --reporting R.csv [--model auto|ratio|ols|changepoint] [--confidence 90] [--format json|text]
 * [--rollup daily]}. CSV reading and printing live here; the calculation is the pure core.
 */
@Command(
    name = "analytics",
    mixinStandardHelpOptions = true,
    version = "EnergyTrace analytics " + org.energytrace.analytics.MethodVersion.CURRENT,
    subcommands = {MvCommand.class, ProgrammeCommand.class, VerifyCommand.class},
    description = "EnergyTrace measurement and verification")
public final class AnalyticsMain implements Runnable {

  public static void main(String[] args) {
    PrintWriter out =
        new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), false);
    PrintWriter err =
        new PrintWriter(new OutputStreamWriter(System.err, StandardCharsets.UTF_8), true);
    System.exit(run(out, err, args));
  }

  /**
   * Runs the command and returns the exit status; output is written to {@code out} only on success.
   */
  public static int run(PrintWriter out, PrintWriter err, String... args) {
    CommandLine cli = new CommandLine(new AnalyticsMain());
    cli.setOut(out);
    cli.setErr(err);
    cli.setCaseInsensitiveEnumValuesAllowed(true);
    int status = cli.execute(args);
    out.flush();
    err.flush();
    return status;
  }

  @Override
  public void run() {
    throw new CommandLine.ParameterException(
        new CommandLine(this), "missing subcommand: use 'analytics mv --help'");
  }
}
