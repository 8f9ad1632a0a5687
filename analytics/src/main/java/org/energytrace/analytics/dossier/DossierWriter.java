package org.energytrace.analytics.dossier;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.Signature;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.energytrace.analytics.AnalyticsException;
import org.energytrace.analytics.AnalyticsException.Code;
import org.energytrace.analytics.MethodVersion;
import org.energytrace.analytics.baseline.DataSet;
import org.energytrace.analytics.integrity.AuditEntry;
import org.energytrace.analytics.integrity.QuantityRow;
import org.energytrace.analytics.integrity.ReadingRow;
import org.energytrace.analytics.integrity.Seal;
import org.energytrace.analytics.integrity.Sha256;
import org.energytrace.analytics.json.Json;
import org.energytrace.analytics.savings.AdjustmentsJson;

/**
 * Writes a verification dossier (docs/verification.md, "Dossier"): pure — contents and an Ed25519
 * key pair in, the ZIP's bytes out. It computes {@code figures.json} itself ({@link
 * DossierFigures}, the one implementation the verifier recomputes), writes the CSVs in their
 * canonical forms, lists every file's SHA-256 (and every line's for the small CSVs) in {@code
 * manifest.json} and signs the manifest's bytes with Ed25519 ({@code manifest.sig}, the raw 64-byte
 * signature). The same contents give the same bytes.
 */
public final class DossierWriter {

  private DossierWriter() {}

  /**
   * @param key the server's Ed25519 key pair (the public half is embedded in the manifest so a
   *     dossier names the key it claims; auditors check it against the published key)
   */
  public static byte[] write(DossierContents c, KeyPair key) {
    Map<String, byte[]> files = new LinkedHashMap<>();
    files.put(DossierLayout.REPORT_PDF, c.reportPdf());
    files.put(DossierLayout.REPORT_XLSX, c.reportXlsx());
    files.put(DossierLayout.BASELINE, utf8(c.baselineCsv()));
    files.put(DossierLayout.REPORTING, utf8(c.reportingCsv()));
    files.put(DossierLayout.READINGS, utf8(readingsCsv(c.readings())));
    files.put(DossierLayout.PRODUCTION, utf8(productionCsv(c.production())));
    files.put(DossierLayout.SEALS, utf8(sealsCsv(c.seals())));
    files.put(DossierLayout.ADJUSTMENTS, utf8(AdjustmentsJson.write(c.adjustments())));
    files.put(DossierLayout.AUDIT, utf8(auditCsv(c.audit())));
    if (c.calibrationsCsv() != null) {
      files.put(DossierLayout.CALIBRATIONS, utf8(c.calibrationsCsv()));
    }
    DataSet base = MvCsv.parse(DossierLayout.BASELINE, c.baselineCsv());
    DataSet rep = MvCsv.parse(DossierLayout.REPORTING, c.reportingCsv());
    files.put(
        DossierLayout.FIGURES,
        utf8(DossierFigures.json(DossierFigures.compute(base, rep, c.model(), c.adjustments()))));
    Map<String, Object> header = new LinkedHashMap<>();
    header.put("format", DossierLayout.FORMAT);
    header.put("enterprise", c.enterprise());
    header.put("enpi", c.enpi());
    header.put("baseline_version", c.baselineVersion());
    Map<String, Object> period = new LinkedHashMap<>();
    period.put("from", c.from().toString());
    period.put("to", c.to().toString());
    header.put("period", period);
    header.put("time_zone", c.timeZone().getId());
    header.put("model", c.model().name().toLowerCase(java.util.Locale.ROOT));
    header.put("method_version", MethodVersion.CURRENT);
    header.put("generated_at", c.generatedAt().toString());
    header.put("server_key_id", c.serverKeyId());
    header.put(
        "server_public_key", Base64.getEncoder().encodeToString(key.getPublic().getEncoded()));
    return assemble(
        header,
        files,
        key.getPrivate(),
        c.generatedAt().atOffset(ZoneOffset.UTC).toLocalDateTime());
  }

  /**
   * The manifest over {@code files} (header fields first, then {@code files} and {@code rows}), its
   * signature, and the ZIP. Package-visible so tests can re-sign altered contents.
   */
  static byte[] assemble(
      Map<String, Object> header, Map<String, byte[]> files, PrivateKey key, LocalDateTime time) {
    Map<String, Object> manifest = new LinkedHashMap<>(header);
    Map<String, Object> hashes = new LinkedHashMap<>();
    Map<String, Object> rows = new LinkedHashMap<>();
    for (Map.Entry<String, byte[]> f : files.entrySet()) {
      hashes.put(f.getKey(), Sha256.hex(f.getValue()));
      if (DossierLayout.ROW_HASHED.contains(f.getKey())) {
        List<Object> lines = new ArrayList<>();
        for (Csv.Line l : Csv.parse(f.getKey(), new String(f.getValue(), StandardCharsets.UTF_8))) {
          lines.add(Sha256.hex(l.text()));
        }
        rows.put(f.getKey(), lines);
      }
    }
    manifest.put("files", hashes);
    manifest.put("rows", rows);
    byte[] manifestBytes = utf8(Json.write(manifest));
    byte[] signature;
    try {
      Signature s = Signature.getInstance("Ed25519");
      s.initSign(key);
      s.update(manifestBytes);
      signature = s.sign();
    } catch (GeneralSecurityException e) {
      throw new AnalyticsException(
          Code.INVALID_INPUT, "cannot sign the manifest with this key: " + e.getMessage(), e);
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(out)) {
      entry(zip, DossierLayout.MANIFEST, manifestBytes, time);
      entry(zip, DossierLayout.SIGNATURE, signature, time);
      for (Map.Entry<String, byte[]> f : files.entrySet()) {
        entry(zip, f.getKey(), f.getValue(), time);
      }
    } catch (IOException e) {
      throw new IllegalStateException("writing to memory cannot fail", e);
    }
    return out.toByteArray();
  }

  private static void entry(ZipOutputStream zip, String name, byte[] bytes, LocalDateTime time)
      throws IOException {
    ZipEntry e = new ZipEntry(name);
    e.setTimeLocal(time);
    zip.putNextEntry(e);
    zip.write(bytes);
    zip.closeEntry();
  }

  /** {@code series,ts_epoch_micros,value,quality,unit}; values by {@link Double#toString}. */
  public static String readingsCsv(List<DossierContents.Series<ReadingRow>> series) {
    return csv(
        DossierLayout.READINGS_HEADER,
        series,
        Comparator.comparingLong(ReadingRow::tsEpochMicros),
        r ->
            List.of(
                Long.toString(r.tsEpochMicros()),
                Double.toString(r.value()),
                Integer.toString(r.quality()),
                r.unit()));
  }

  /** {@code series,day,value,unit}. */
  public static String productionCsv(List<DossierContents.Series<QuantityRow>> series) {
    return csv(
        DossierLayout.PRODUCTION_HEADER,
        series,
        Comparator.comparing(QuantityRow::day),
        r -> List.of(r.day().toString(), Double.toString(r.value()), r.unit()));
  }

  /** The header, then each series' rows in {@code order}: the series id, then the row's cells. */
  private static <T> String csv(
      List<String> header,
      List<DossierContents.Series<T>> series,
      Comparator<T> order,
      Function<T, List<String>> cells) {
    StringBuilder b = new StringBuilder(Csv.line(header));
    for (DossierContents.Series<T> s : series) {
      List<T> rows = new ArrayList<>(s.rows());
      rows.sort(order);
      for (T r : rows) {
        List<String> line = new ArrayList<>();
        line.add(s.id());
        line.addAll(cells.apply(r));
        b.append(Csv.line(line));
      }
    }
    return b.toString();
  }

  /** {@code series,day,revision,prev_seal,digest,seal,rows,reason}, links in chain order. */
  public static String sealsCsv(List<Seal> seals) {
    return csv(
        DossierLayout.SEALS_HEADER,
        seals,
        s ->
            List.of(
                s.series(),
                s.day().toString(),
                Integer.toString(s.revision()),
                s.prevSeal(),
                s.digest(),
                s.seal(),
                Integer.toString(s.rows()),
                s.reason()));
  }

  /** {@code calibrations.csv}: the header, then one line per record ({@code null} cells empty). */
  public static String calibrationsCsv(List<List<String>> rows) {
    return csv(
        DossierLayout.CALIBRATIONS_HEADER,
        rows,
        r -> {
          if (r.size() != DossierLayout.CALIBRATIONS_HEADER.size()) {
            throw new AnalyticsException(
                Code.INVALID_INPUT,
                "a calibrations.csv row has "
                    + DossierLayout.CALIBRATIONS_HEADER.size()
                    + " cells, got "
                    + r.size());
          }
          List<String> cells = new ArrayList<>();
          for (String cell : r) {
            cells.add(cell == null ? "" : cell);
          }
          return cells;
        });
  }

  /** {@code seq,prev_hash,hash,entry}, the entry as its canonical JSON. */
  public static String auditCsv(List<AuditEntry> entries) {
    return csv(
        DossierLayout.AUDIT_HEADER,
        entries,
        e -> List.of(Long.toString(e.seq()), e.prevHash(), e.hash(), e.entry()));
  }

  /** The header, then one line per row. */
  private static <T> String csv(
      List<String> header, List<T> rows, Function<T, List<String>> cells) {
    StringBuilder b = new StringBuilder(Csv.line(header));
    for (T r : rows) {
      b.append(Csv.line(cells.apply(r)));
    }
    return b.toString();
  }

  static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
