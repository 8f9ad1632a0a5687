package org.energytrace.analytics.dossier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.time.LocalDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.energytrace.analytics.baseline.DataSet;
import org.energytrace.analytics.dossier.DossierResult.Outcome;
import org.energytrace.analytics.fixtures.DossierFixture;
import org.energytrace.analytics.json.Json;
import org.energytrace.analytics.savings.AdjustedSavings;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Issue 15: the dossier and the auditor's offline check. */
class DossierTest {

  static final KeyPair SERVER = DossierFixture.keys();
  static DossierContents contents;
  static byte[] fresh;

  @BeforeAll
  static void write() {
    contents = DossierFixture.contents();
    fresh = DossierWriter.write(contents, SERVER);
  }

  static Map<String, byte[]> unzip(byte[] zip) throws IOException {
    Map<String, byte[]> files = new LinkedHashMap<>();
    try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
      ZipEntry e;
      while ((e = in.getNextEntry()) != null) {
        files.put(e.getName(), in.readAllBytes());
      }
    }
    return files;
  }

  static byte[] zip(Map<String, byte[]> files) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (ZipOutputStream z = new ZipOutputStream(out)) {
      for (Map.Entry<String, byte[]> f : files.entrySet()) {
        z.putNextEntry(new ZipEntry(f.getKey()));
        z.write(f.getValue());
        z.closeEntry();
      }
    }
    return out.toByteArray();
  }

  static String text(Map<String, byte[]> files, String name) {
    return new String(files.get(name), StandardCharsets.UTF_8);
  }

  /** A file changed after signing (the manifest and signature untouched). */
  static byte[] tampered(String name, UnaryOperator<String> change) throws IOException {
    Map<String, byte[]> files = unzip(fresh);
    files.put(name, change.apply(text(files, name)).getBytes(StandardCharsets.UTF_8));
    return zip(files);
  }

  /** A file changed and the dossier signed again with the server's key (a server that lies). */
  @SuppressWarnings("unchecked")
  static byte[] resigned(String name, UnaryOperator<String> change) throws IOException {
    Map<String, byte[]> files = unzip(fresh);
    Map<String, Object> header =
        new LinkedHashMap<>(Json.parseObject(text(files, DossierLayout.MANIFEST)));
    header.remove("files");
    header.remove("rows");
    Map<String, byte[]> payload = new LinkedHashMap<>();
    for (String f : DossierLayout.FILES) {
      payload.put(f, files.get(f));
    }
    if (name.equals(DossierLayout.MANIFEST)) {
      header = (Map<String, Object>) Json.parse(change.apply(Json.write(header)));
    } else {
      payload.put(name, change.apply(text(files, name)).getBytes(StandardCharsets.UTF_8));
    }
    return DossierWriter.assemble(
        header, payload, SERVER.getPrivate(), LocalDateTime.of(2024, 4, 2, 3, 0));
  }

  /** Replaces the {@code cell}-th cell (0-based) of line {@code row} (1 = header). */
  static UnaryOperator<String> cell(int row, int cell, String value) {
    return csv -> {
      String[] lines = csv.split("\n", -1);
      String[] cells = lines[row - 1].split(",", -1);
      cells[cell] = value;
      lines[row - 1] = String.join(",", cells);
      return String.join("\n", lines);
    };
  }

  static DossierResult check(byte[] zip) {
    return DossierChecker.check(zip, SERVER.getPublic());
  }

  @Test
  void theAdjustmentsBehindTheNonRoutineFigureAreEachAppliedOrToldWhyNot() {
    DataSet base = MvCsv.parse(DossierLayout.BASELINE, contents.baselineCsv());
    DataSet rep = MvCsv.parse(DossierLayout.REPORTING, contents.reportingCsv());
    AdjustedSavings a =
        DossierFigures.adjusted(base, rep, contents.model(), contents.adjustments());
    Map<String, Object> figures =
        DossierFigures.compute(base, rep, contents.model(), contents.adjustments());
    // the approved one booked its 150 kWh a day over the days it covers; the proposed one is
    // listed with the reason it counts for nothing, and the figure is their sum
    assertThat(a.applied())
        .singleElement()
        .satisfies(
            x -> {
              assertThat(x.adjustment().id()).isEqualTo("nra-1");
              assertThat(x.amount()).isCloseTo(150.0 * x.points(), within(1e-6));
            });
    assertThat(a.notApplied())
        .singleElement()
        .satisfies(
            x -> {
              assertThat(x.adjustment().id()).isEqualTo("nra-2");
              assertThat(x.reason()).contains("proposed");
            });
    assertThat((Double) figures.get("non_routine"))
        .isCloseTo(a.applied().get(0).amount(), within(1e-9));
  }

  @Nested
  class Fresh {

    @Test
    void aFreshDossierPassesEveryStep() {
      DossierResult r = check(fresh);
      assertThat(r.outcome()).as(r.problem()).isEqualTo(Outcome.VERIFIED);
      assertThat(r.summary()).hasSize(6);
      assertThat(r.summary().get(1)).contains("signature valid").contains("the given public key");
      assertThat(r.summary().get(3)).contains("2 series").contains("every link chained");
      assertThat(r.summary().get(4)).contains("3 entries");
      assertThat(r.summary().get(5)).contains("recomputed and equal").contains("verifiable");
    }

    @Test
    @SuppressWarnings("unchecked")
    void holdsTheDocumentedFilesAndTheRawSignature() throws IOException {
      Map<String, byte[]> files = unzip(fresh);
      assertThat(files.keySet())
          .containsExactly(
              "manifest.json",
              "manifest.sig",
              "report.pdf",
              "report.xlsx",
              "baseline.csv",
              "reporting.csv",
              "readings.csv",
              "production.csv",
              "seals.csv",
              "adjustments.json",
              "audit.csv",
              "figures.json");
      assertThat(files.get("manifest.sig")).hasSize(64); // raw Ed25519 signature
      Map<String, Object> manifest = Json.parseObject(text(files, "manifest.json"));
      assertThat(manifest.keySet())
          .containsExactly(
              "format",
              "enterprise",
              "enpi",
              "baseline_version",
              "period",
              "time_zone",
              "model",
              "method_version",
              "generated_at",
              "server_key_id",
              "server_public_key",
              "files",
              "rows");
      assertThat(text(files, "seals.csv").lines().skip(1).filter(l -> l.contains("late data")))
          .hasSize(1);
      // the figures state the routine and the non-routine parts and the three bands
      Map<String, Object> figures = Json.parseObject(text(files, "figures.json"));
      assertThat(((Number) figures.get("non_routine")).doubleValue())
          .isEqualTo(150.0 * 60); // approved: 150 kWh/day over the last 60 days; proposed: none
      assertThat(((Map<String, Object>) figures.get("fsu")).keySet())
          .containsExactly("68", "90", "95");
    }

    @Test
    void withoutAPublicKeyTheEmbeddedKeyIsUsedAndTheSummarySaysItProvesNoOrigin() {
      DossierResult r = DossierChecker.check(fresh, null);
      assertThat(r.outcome()).isEqualTo(Outcome.VERIFIED);
      assertThat(r.summary().get(1)).contains("NOT proven to be the server's key");
    }
  }

  @Nested
  class Tampered {

    @Test
    void oneChangedCsvCellFailsNamingTheFileAndRow() throws IOException {
      DossierResult r = check(tampered("reporting.csv", cell(17, 1, "1234.5")));
      assertThat(r.outcome()).isEqualTo(Outcome.MISMATCH);
      assertThat(r.problem())
          .startsWith("reporting.csv: differs from the signed manifest: row 17 was changed")
          .contains("1234.5");
    }

    @Test
    void aChangedManifestFailsTheSignature() throws IOException {
      byte[] zip =
          tampered(
              "manifest.json",
              m -> m.replace("\"baseline_version\": 3", "\"baseline_version\": 2"));
      DossierResult r = check(zip);
      assertThat(r.outcome()).isEqualTo(Outcome.MISMATCH);
      assertThat(r.problem())
          .startsWith("manifest.sig: the Ed25519 signature of manifest.json does not verify");
    }

    @Test
    void aWrongPublicKeyFailsTheSignature() {
      DossierResult r = DossierChecker.check(fresh, DossierFixture.keys().getPublic());
      assertThat(r.outcome()).isEqualTo(Outcome.MISMATCH);
      assertThat(r.problem()).contains("does not verify with the given public key");
    }

    @Test
    void aChangedFigureFailsNamingTheFigureEvenWhenSignedAgain() throws IOException {
      // the server signs a savings figure that does not follow from its own CSVs
      DossierResult r =
          check(
              resigned(
                  "figures.json",
                  f -> f.replaceFirst("\"savings\": [0-9.E-]+", "\"savings\": 99999.0")));
      assertThat(r.outcome()).isEqualTo(Outcome.MISMATCH);
      assertThat(r.problem()).startsWith("figures.json: savings: dossier 99999.0, recomputed ");
      // the same change without signing again is caught by the hash first
      assertThat(
              check(tampered("figures.json", f -> f.replace("\"savings\"", "\"savings\" ")))
                  .problem())
          .startsWith("figures.json: differs from the signed manifest");
    }

    @Test
    void aReadingChangedInTheStoreBeforeTheDossierWasMadeIsCaughtByItsSeal() throws IOException {
      // the rows were edited by SQL after sealing; the dossier was generated (and signed) after
      DossierResult r = check(resigned("readings.csv", cell(40, 2, "100044.0")));
      assertThat(r.outcome()).isEqualTo(Outcome.MISMATCH);
      assertThat(r.problem())
          // the tenth day: four readings and the late one, sealed again at revision 1
          .startsWith(
              "readings.csv rows 38-42, ch-main " + contents.from().plusDays(9) + " (revision 1)")
          .contains("rows were changed, added or removed after sealing");
    }

    @Test
    void aChangedReadingInTheZipIsLocatedByTheSeals() throws IOException {
      DossierResult r = check(tampered("readings.csv", cell(3, 2, "7.0")));
      assertThat(r.problem())
          .startsWith(
              "readings.csv: differs from the signed manifest: readings.csv rows 2-5, ch-main "
                  + contents.from());
    }

    @Test
    void aProductionValueChangedInTheStoreIsCaughtByItsSeal() throws IOException {
      DossierResult r = check(resigned("production.csv", cell(5, 2, "1.0")));
      assertThat(r.problem())
          .startsWith("production.csv rows 5-5, prod-beer " + contents.from().plusDays(3));
    }

    @Test
    void anEditedAuditEntryIsCaughtNamingItsRow() throws IOException {
      DossierResult r =
          check(resigned("audit.csv", a -> a.replace("baseline.approve", "baseline.return")));
      assertThat(r.outcome()).isEqualTo(Outcome.MISMATCH);
      assertThat(r.problem()).startsWith("audit.csv row 2 (seq 10): hash ");
    }

    @Test
    void reportingDataRewrittenAndSignedAgainNoLongerGivesTheStatedFigures() throws IOException {
      DossierResult r = check(resigned("reporting.csv", cell(17, 1, "1234.5")));
      assertThat(r.outcome()).isEqualTo(Outcome.MISMATCH);
      assertThat(r.problem()).startsWith("figures.json: ");
    }
  }

  @Nested
  class Unusable {

    @Test
    void notAZipIsUnusable() {
      DossierResult r = check("not a zip".getBytes(StandardCharsets.US_ASCII));
      assertThat(r.outcome()).isEqualTo(Outcome.UNUSABLE);
      assertThat(r.outcome().exitStatus()).isEqualTo(2);
    }

    @Test
    void aZipWithoutManifestIsUnusable() throws IOException {
      Map<String, byte[]> files = unzip(fresh);
      files.remove("manifest.json");
      assertThat(check(zip(files)).problem()).isEqualTo("the ZIP has no manifest.json");
    }

    @Test
    void aDossierOfAnotherMethodVersionIsUnusableHere() throws IOException {
      DossierResult r =
          check(
              resigned(
                  "manifest.json", m -> m.replace("energytrace-mv/1.2", "energytrace-mv/0.9")));
      assertThat(r.outcome()).isEqualTo(Outcome.UNUSABLE);
      assertThat(r.problem()).contains("made with energytrace-mv/0.9");
    }

    @Test
    void aListedFileRemovedFromTheZipIsAMismatchNotUnusableInput() throws IOException {
      Map<String, byte[]> files = unzip(fresh);
      files.remove("reporting.csv");
      DossierResult r = check(zip(files));
      assertThat(r.outcome()).isEqualTo(Outcome.MISMATCH);
      assertThat(r.problem())
          .isEqualTo("reporting.csv: listed in the signed manifest but not in the ZIP (removed)");
    }

    @Test
    void anExtraFileIsAMismatch() throws IOException {
      Map<String, byte[]> files = unzip(fresh);
      files.put("notes.txt", new byte[] {1});
      assertThat(check(zip(files)).problem())
          .isEqualTo("notes.txt: in the ZIP but not in the signed manifest");
    }
  }

  @Test
  void theSameContentsGiveTheSameBytes() {
    assertThat(DossierWriter.write(contents, SERVER)).isEqualTo(fresh);
    assertThat(List.of(fresh.length)).allMatch(n -> n > 1000);
  }
}
