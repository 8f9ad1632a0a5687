package org.energytrace.analytics.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.energytrace.analytics.enpi.DailyValue;
import org.energytrace.analytics.fixtures.ResourcePlants;
import org.energytrace.analytics.resource.ResourceSeries;
import org.energytrace.analytics.resource.StockLedger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 17 through the command line: {@code analytics mv} reads any resource's series (the quantity
 * in the {@code energy} column) and gives the hand-worked SEC and savings of ResourcePlants.
 */
class ResourceMvCommandTest {

  @TempDir Path dir;

  JsonNode mv(ResourceSeries base, ResourceSeries rep, String... extra) throws IOException {
    Path b = Files.writeString(dir.resolve("b.csv"), base.csv(), StandardCharsets.UTF_8);
    Path r = Files.writeString(dir.resolve("r.csv"), rep.csv(), StandardCharsets.UTF_8);
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    String[] args =
        java.util.stream.Stream.concat(
                java.util.stream.Stream.of(
                    "mv", "--baseline", b.toString(), "--reporting", r.toString()),
                java.util.stream.Stream.of(extra))
            .toArray(String[]::new);
    int status = AnalyticsMain.run(new PrintWriter(out), new PrintWriter(err), args);
    assertThat(status).as(err.toString()).isZero();
    return new ObjectMapper().readTree(out.toString());
  }

  static ResourceSeries coal(boolean reporting) {
    ResourcePlants.Stock s = ResourcePlants.coalStock(reporting);
    return ResourceSeries.fromStock(
        ResourcePlants.COAL,
        "t",
        StockLedger.usage(
            ResourcePlants.COAL, s.counts(), s.deliveries(), StockLedger.Cadence.MONTHLY),
        ResourcePlants.coalProduction(reporting));
  }

  @Test
  void aStockBasedCoalSeriesGivesTheHandWorkedSecAndSavings() throws IOException {
    JsonNode json = mv(coal(false), coal(true), "--model", "ratio", "--targets", "8,13");
    double sec = 1829.9 / 36595; // t coal per t product over 2024
    assertThat(json.get("model").get("coefficients").get("production").asDouble())
        .isCloseTo(sec, within(1e-12));
    assertThat(json.get("reporting").get("m").asInt()).isEqualTo(3);
    assertThat(json.get("reporting").get("actual").asDouble()).isCloseTo(404.3, within(1e-9));
    assertThat(json.get("reporting").get("savings").asDouble())
        .isCloseTo(sec * 8985 - 404.3, within(1e-9));
    assertThat(json.get("verifiability").get("status").asText()).isEqualTo("verifiable");
    assertThat(json.get("targets").get(0).get("status").asText()).isEqualTo("MET");
  }

  @Test
  void aMeteredWaterSeriesGivesTheHandWorkedSecAndSavings() throws IOException {
    List<List<DailyValue>> b = ResourcePlants.water(false);
    List<List<DailyValue>> r = ResourcePlants.water(true);
    ResourceSeries base =
        ResourceSeries.fromDaily(
            ResourcePlants.WATER,
            "t",
            b.get(0),
            b.get(1),
            b.get(0).get(0).day(),
            b.get(0).get(b.get(0).size() - 1).day());
    ResourceSeries rep =
        ResourceSeries.fromDaily(
            ResourcePlants.WATER,
            "t",
            r.get(0),
            r.get(1),
            r.get(0).get(0).day(),
            r.get(0).get(r.get(0).size() - 1).day());
    JsonNode json = mv(base, rep);
    assertThat(json.get("model").get("form").asText()).isEqualTo("ols");
    assertThat(json.get("model").get("coefficients").get("intercept").asDouble())
        .isCloseTo(50, within(1e-9));
    assertThat(json.get("reporting").get("adjusted_baseline").asDouble())
        .isCloseTo(9200, within(1e-6));
    assertThat(json.get("reporting").get("savings").asDouble()).isCloseTo(920, within(1e-6));
    assertThat(json.get("reporting").get("savings_fraction").asDouble())
        .isCloseTo(0.10, within(1e-12));
  }
}
