package org.energytrace.analytics.dossier;

import static org.energytrace.analytics.dossier.DossierStop.mismatch;
import static org.energytrace.analytics.dossier.DossierStop.unusable;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.energytrace.analytics.AnalyticsException;
import org.energytrace.analytics.MethodVersion;
import org.energytrace.analytics.baseline.DataSet;
import org.energytrace.analytics.baseline.ModelSelector;
import org.energytrace.analytics.dossier.DossierResult.Outcome;
import org.energytrace.analytics.integrity.AuditChain;
import org.energytrace.analytics.integrity.AuditEntry;
import org.energytrace.analytics.integrity.Sha256;
import org.energytrace.analytics.json.Json;
import org.energytrace.analytics.json.JsonFields;
import org.energytrace.analytics.savings.AdjustmentsJson;
import org.energytrace.analytics.savings.NonRoutineAdjustment;
import org.energytrace.analytics.units.Figures;

/**
 * The auditor's offline check of a dossier (docs/verification.md, "Offline check"), pure: the ZIP's
 * bytes and optionally the server's public key in, a {@link DossierResult} out. In order: the
 * manifest's Ed25519 signature → every file's SHA-256 (the first differing line of a CSV named) →
 * the method version → the seal links and the day digests recomputed from {@code readings.csv} and
 * {@code production.csv} → the audit entries' chain hashes → the savings recomputed from {@code
 * baseline.csv}, {@code reporting.csv} and the approved adjustments, compared with {@code
 * figures.json}. The first mismatch stops the check.
 */
public final class DossierChecker {

  static final long MAX_ENTRY_BYTES = 256L << 20;
  static final long MAX_TOTAL_BYTES = 1L << 30;

  private DossierChecker() {}

  /**
   * @param publicKey the server's published Ed25519 key; null checks the signature against the key
   *     the manifest embeds, which proves integrity but not origin (the summary says so)
   */
  public static DossierResult check(byte[] zip, PublicKey publicKey) {
    List<String> summary = new ArrayList<>();
    try {
      run(zip, publicKey, summary);
      return new DossierResult(Outcome.VERIFIED, null, summary);
    } catch (DossierStop s) {
      return new DossierResult(s.outcome(), s.getMessage(), summary);
    }
  }

  private static void run(byte[] zip, PublicKey publicKey, List<String> summary) {
    Map<String, byte[]> files = unzip(zip);
    byte[] manifestBytes = require(files, DossierLayout.MANIFEST);
    byte[] signature = require(files, DossierLayout.SIGNATURE);
    JsonFields manifest;
    try {
      manifest = JsonFields.parse(new String(manifestBytes, StandardCharsets.UTF_8));
    } catch (AnalyticsException e) {
      throw unusable(DossierLayout.MANIFEST + ": " + e.getMessage());
    }

    // 1. signature
    PublicKey embedded = embeddedKey(manifest);
    PublicKey key = publicKey != null ? publicKey : embedded;
    if (!verifies(key, manifestBytes, signature)) {
      throw mismatch(
          DossierLayout.SIGNATURE
              + ": the Ed25519 signature of manifest.json does not verify with "
              + (publicKey != null ? "the given public key" : "the key embedded in the manifest")
              + " ("
              + fingerprint(key)
              + "): the manifest was changed or signed by another key");
    }
    String meta =
        String.format(
            Locale.ROOT,
            "%s, EnPI %s, baseline version %s, %s..%s, model %s, %s",
            text(manifest, "enterprise"),
            text(manifest, "enpi"),
            field(manifest, "baseline_version"),
            text(manifest.object("period"), "from"),
            text(manifest.object("period"), "to"),
            text(manifest, "model"),
            text(manifest, "method_version"));
    summary.add("dossier   " + meta);
    summary.add(
        "signature valid, Ed25519 key "
            + fingerprint(key)
            + (publicKey != null
                ? " (the given public key)"
                : " (embedded in the manifest: NOT proven to be the server's key; pass"
                    + " --public-key)")
            + ", server_key_id "
            + text(manifest, "server_key_id"));

    // 2. hashes
    JsonFields hashes = manifest.object("files");
    for (String name : files.keySet()) {
      if (!name.equals(DossierLayout.MANIFEST)
          && !name.equals(DossierLayout.SIGNATURE)
          && !hashes.has(name)) {
        throw mismatch(name + ": in the ZIP but not in the signed manifest");
      }
    }
    for (String name : DossierLayout.FILES) {
      if (!hashes.has(name)) {
        throw unusable(DossierLayout.MANIFEST + ": lists no hash for " + name);
      }
      byte[] bytes = listed(files, name);
      String stated = hashes.text(name);
      if (!Sha256.hex(bytes).equals(stated)) {
        throw mismatch(locate(name, bytes, manifest, files));
      }
    }
    int checked = DossierLayout.FILES.size();
    for (String name : DossierLayout.OPTIONAL_FILES) {
      // listed: hash-checked like the others (a file the manifest lists must be in the ZIP)
      if (hashes.has(name)) {
        byte[] bytes = listed(files, name);
        if (!Sha256.hex(bytes).equals(hashes.text(name))) {
          throw mismatch(locate(name, bytes, manifest, files));
        }
        checked++;
      }
    }
    summary.add("hashes    " + checked + " files match the signed manifest");

    // 3. method version
    String version = text(manifest, "method_version");
    if (!version.equals(MethodVersion.CURRENT)) {
      throw unusable(
          "the dossier was made with "
              + version
              + ", this verifier implements "
              + MethodVersion.CURRENT
              + ": use the verifier of that version");
    }

    // 4. seals
    ZoneId zone;
    LocalDate from;
    LocalDate to;
    try {
      zone = ZoneId.of(text(manifest, "time_zone"));
      from = manifest.object("period").date("from");
      to = manifest.object("period").date("to");
    } catch (RuntimeException e) {
      throw unusable(DossierLayout.MANIFEST + ": " + e.getMessage());
    }
    summary.add(DossierSeals.check(files, zone, from, to));

    // 5. audit
    summary.add(audit(files));

    // 6. figures
    summary.add(figures(files, manifest));
  }

  // ---------------------------------------------------------------- steps

  private static String locate(
      String name, byte[] bytes, JsonFields manifest, Map<String, byte[]> files) {
    String prefix = name + ": differs from the signed manifest";
    JsonFields rows = manifest.optObject("rows");
    if (rows != null && rows.has(name)) {
      List<String> stated = texts(rows, name);
      List<Csv.Line> lines;
      try {
        lines = Csv.parse(name, new String(bytes, StandardCharsets.UTF_8));
      } catch (AnalyticsException e) {
        return prefix + " (" + e.getMessage() + ")";
      }
      for (int i = 0; i < Math.max(stated.size(), lines.size()); i++) {
        if (i >= lines.size()) {
          return prefix + ": row " + (i + 1) + " and after are missing";
        }
        if (i >= stated.size()) {
          return prefix + ": row " + (i + 1) + " was added";
        }
        if (!Sha256.hex(lines.get(i).text()).equals(stated.get(i))) {
          return prefix + ": row " + (i + 1) + " was changed (" + lines.get(i).text() + ")";
        }
      }
      return prefix + " (line ends or bytes outside the rows)";
    }
    if (name.equals(DossierLayout.READINGS)) {
      try {
        return prefix + ": " + sealsOf(files, manifest);
      } catch (DossierStop s) {
        return prefix + ": " + s.getMessage();
      } catch (RuntimeException e) {
        return prefix;
      }
    }
    return prefix;
  }

  /** For a changed readings.csv: the seal check names the first day that no longer matches. */
  private static String sealsOf(Map<String, byte[]> files, JsonFields manifest) {
    ZoneId zone = ZoneId.of(text(manifest, "time_zone"));
    DossierSeals.check(
        files, zone, manifest.object("period").date("from"), manifest.object("period").date("to"));
    return "the seals still match (a change outside the sealed values)";
  }

  private static String audit(Map<String, byte[]> files) {
    List<AuditEntry> entries = new ArrayList<>();
    Map<Long, Integer> rowOf = new LinkedHashMap<>();
    for (Csv.Line l : DossierSeals.lines(files, DossierLayout.AUDIT, DossierLayout.AUDIT_HEADER)) {
      List<String> c = l.cells();
      try {
        AuditEntry e = new AuditEntry(Long.parseLong(c.get(0)), c.get(1), c.get(3), c.get(2));
        entries.add(e);
        rowOf.put(e.seq(), l.number());
      } catch (RuntimeException e) {
        throw unusable(DossierLayout.AUDIT + " row " + l.number() + ": " + e.getMessage());
      }
    }
    Optional<AuditChain.Break> b = AuditChain.verify(entries, false, null);
    if (b.isPresent()) {
      throw mismatch(
          DossierLayout.AUDIT
              + " row "
              + rowOf.get(b.get().seq())
              + " (seq "
              + b.get().seq()
              + "): "
              + b.get().problem());
    }
    return "audit     " + entries.size() + " entries, every chain hash recomputes";
  }

  private static String figures(Map<String, byte[]> files, JsonFields manifest) {
    List<NonRoutineAdjustment> adjustments;
    DataSet base;
    DataSet rep;
    ModelSelector.Request model;
    try {
      adjustments = AdjustmentsJson.read(utf8(files.get(DossierLayout.ADJUSTMENTS)));
      base = MvCsv.parse(DossierLayout.BASELINE, utf8(files.get(DossierLayout.BASELINE)));
      rep = MvCsv.parse(DossierLayout.REPORTING, utf8(files.get(DossierLayout.REPORTING)));
      model = ModelSelector.Request.valueOf(text(manifest, "model").toUpperCase(Locale.ROOT));
    } catch (AnalyticsException | IllegalArgumentException e) {
      throw unusable(e.getMessage());
    }
    Map<String, Object> recomputed;
    try {
      recomputed = DossierFigures.compute(base, rep, model, adjustments);
    } catch (AnalyticsException e) {
      throw mismatch("the savings cannot be recomputed from the CSVs: " + e.getMessage());
    }
    Map<String, Object> stated;
    try {
      stated = Json.parseObject(utf8(files.get(DossierLayout.FIGURES)));
    } catch (AnalyticsException e) {
      throw unusable(DossierLayout.FIGURES + ": " + e.getMessage());
    }
    String difference = DossierFigures.firstDifference(stated, recomputed);
    if (difference != null) {
      throw mismatch(DossierLayout.FIGURES + ": " + difference);
    }
    @SuppressWarnings("unchecked")
    Map<String, Object> fsu = (Map<String, Object>) recomputed.get("fsu");
    StringBuilder bands = new StringBuilder();
    for (Map.Entry<String, Object> e : fsu.entrySet()) {
      @SuppressWarnings("unchecked")
      Map<String, Object> m = (Map<String, Object>) e.getValue();
      bands.append(String.format(Locale.ROOT, " %s %%: FSU %s;", e.getKey(), fmt(m.get("fsu"))));
    }
    StringBuilder progress = new StringBuilder();
    @SuppressWarnings("unchecked")
    Map<String, Object> p = (Map<String, Object>) recomputed.get("progress");
    p.forEach(
        (k, v) ->
            progress
                .append(" ")
                .append(k)
                .append(" %: ")
                .append(((Map<?, ?>) v).get("status"))
                .append(";"));
    return String.format(
        Locale.ROOT,
        "figures   recomputed and equal: savings %s (routine %s + non-routine %s) of %s,"
            + " fraction %s;%s%s %s",
        fmt(recomputed.get("savings")),
        fmt(recomputed.get("routine_savings")),
        fmt(recomputed.get("non_routine")),
        fmt(recomputed.get("adjusted_baseline")),
        fmt(recomputed.get("savings_fraction")),
        bands,
        progress,
        recomputed.get("verifiability"));
  }

  // ---------------------------------------------------------------- helpers

  private static Map<String, byte[]> unzip(byte[] zip) {
    Map<String, byte[]> files = new LinkedHashMap<>();
    long total = 0;
    try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
      ZipEntry e;
      byte[] buffer = new byte[65536];
      while ((e = in.getNextEntry()) != null) {
        String name = e.getName();
        if (e.isDirectory() || name.contains("/") || name.contains("\\") || name.startsWith(".")) {
          throw unusable("unexpected ZIP entry '" + name + "': a dossier holds flat files");
        }
        if (files.containsKey(name)) {
          throw unusable("the ZIP holds '" + name + "' twice");
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int n;
        long size = 0;
        while ((n = in.read(buffer)) > 0) {
          size += n;
          total += n;
          if (size > MAX_ENTRY_BYTES || total > MAX_TOTAL_BYTES) {
            throw unusable("'" + name + "' inflates beyond the size a dossier may have");
          }
          out.write(buffer, 0, n);
        }
        files.put(name, out.toByteArray());
      }
    } catch (IOException | IllegalArgumentException e) {
      throw unusable("not a readable ZIP file: " + e.getMessage());
    }
    if (files.isEmpty()) {
      throw unusable("not a ZIP file, or an empty one");
    }
    return files;
  }

  /** A file the signed manifest lists: one missing was removed from a signed dossier. */
  private static byte[] listed(Map<String, byte[]> files, String name) {
    byte[] b = files.get(name);
    if (b == null) {
      throw mismatch(name + ": listed in the signed manifest but not in the ZIP (removed)");
    }
    return b;
  }

  private static byte[] require(Map<String, byte[]> files, String name) {
    byte[] b = files.get(name);
    if (b == null) {
      throw unusable("the ZIP has no " + name);
    }
    return b;
  }

  private static PublicKey embeddedKey(JsonFields manifest) {
    String b64 = manifest.optText("server_public_key");
    if (b64 == null) {
      return null;
    }
    try {
      return publicKey(Base64.getDecoder().decode(b64));
    } catch (IllegalArgumentException | GeneralSecurityException e) {
      throw unusable(DossierLayout.MANIFEST + ": server_public_key is not an Ed25519 key");
    }
  }

  /** An Ed25519 public key from its X.509 SubjectPublicKeyInfo DER bytes. */
  public static PublicKey publicKey(byte[] der) throws GeneralSecurityException {
    return KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(der));
  }

  private static boolean verifies(PublicKey key, byte[] data, byte[] signature) {
    if (key == null) {
      throw unusable("no public key: the manifest embeds none and none was given (--public-key)");
    }
    try {
      Signature s = Signature.getInstance("Ed25519");
      s.initVerify(key);
      s.update(data);
      return s.verify(signature);
    } catch (GeneralSecurityException e) {
      return false;
    }
  }

  /** The first 16 hex digits of the SHA-256 of the key's DER encoding. */
  public static String fingerprint(PublicKey key) {
    return key == null ? "none" : Sha256.hex(key.getEncoded()).substring(0, 16);
  }

  private static String text(JsonFields f, String field) {
    try {
      return f.text(field);
    } catch (AnalyticsException e) {
      throw unusable(DossierLayout.MANIFEST + ": " + e.getMessage());
    }
  }

  private static String field(JsonFields f, String field) {
    Object v = f.map().get(field);
    return v == null ? "?" : String.valueOf(v);
  }

  private static List<String> texts(JsonFields f, String field) {
    try {
      return f.texts(field);
    } catch (AnalyticsException e) {
      throw unusable(DossierLayout.MANIFEST + ": " + e.getMessage());
    }
  }

  private static String utf8(byte[] b) {
    return new String(b, StandardCharsets.UTF_8);
  }

  private static String fmt(Object v) {
    return v instanceof Number n ? Figures.significant(n.doubleValue()) : String.valueOf(v);
  }
}
