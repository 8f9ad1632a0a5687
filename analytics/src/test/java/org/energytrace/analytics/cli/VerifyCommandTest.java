package org.energytrace.analytics.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.Base64;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.energytrace.analytics.dossier.DossierWriter;
import org.energytrace.analytics.fixtures.DossierFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code analytics verify DOSSIER.zip [--public-key FILE]}: exit statuses and what is printed. */
class VerifyCommandTest {

  static final KeyPair SERVER = DossierFixture.keys();
  static final byte[] FRESH = DossierWriter.write(DossierFixture.contents(), SERVER);

  @TempDir Path dir;
  Path dossier;
  Path key;

  record Run(int status, String out, String err) {}

  static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int status = AnalyticsMain.run(new PrintWriter(out), new PrintWriter(err), args);
    return new Run(status, out.toString(), err.toString());
  }

  static String pem(KeyPair k) {
    return "-----BEGIN PUBLIC KEY-----\n"
        + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
            .encodeToString(k.getPublic().getEncoded())
        + "\n-----END PUBLIC KEY-----\n";
  }

  @BeforeEach
  void files() throws IOException {
    dossier = Files.write(dir.resolve("dossier.zip"), FRESH);
    key = Files.writeString(dir.resolve("server.pem"), pem(SERVER));
  }

  @Test
  void aFreshDossierExitsZeroWithAOneScreenSummary() {
    Run r = run("verify", dossier.toString(), "--public-key", key.toString());
    assertThat(r.status()).as(r.err()).isZero();
    assertThat(r.out().lines().count()).isLessThanOrEqualTo(10);
    assertThat(r.out())
        .contains("signature valid")
        .contains("hashes    10 files match")
        .contains("figures   recomputed and equal")
        .contains("VERIFIED  dossier.zip");
    assertThat(r.err()).isEmpty();
  }

  @Test
  void oneChangedCellExitsOneNamingFileAndRow() throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(FRESH));
        ZipOutputStream z = new ZipOutputStream(out)) {
      ZipEntry e;
      while ((e = in.getNextEntry()) != null) {
        byte[] b = in.readAllBytes();
        if (e.getName().equals("baseline.csv")) {
          String[] lines = new String(b, StandardCharsets.UTF_8).split("\n", -1);
          lines[99] = lines[99].replaceFirst(",[^,]*$", ",999.0");
          b = String.join("\n", lines).getBytes(StandardCharsets.UTF_8);
        }
        z.putNextEntry(new ZipEntry(e.getName()));
        z.write(b);
        z.closeEntry();
      }
    }
    Files.write(dossier, out.toByteArray());
    Run r = run("verify", dossier.toString(), "--public-key", key.toString());
    assertThat(r.status()).isEqualTo(1);
    assertThat(r.out())
        .contains("MISMATCH  baseline.csv: differs from the signed manifest: row 100 was changed");
    assertThat(r.err()).contains("baseline.csv").contains("row 100");
  }

  @Test
  void anotherKeyExitsOne() throws IOException {
    Files.writeString(key, pem(DossierFixture.keys()));
    Run r = run("verify", dossier.toString(), "--public-key", key.toString());
    assertThat(r.status()).isEqualTo(1);
    assertThat(r.out()).contains("MISMATCH  manifest.sig");
  }

  @Test
  void unusableInputExitsTwo() throws IOException {
    Files.writeString(dossier, "not a zip");
    assertThat(run("verify", dossier.toString()).status()).isEqualTo(2);
    Files.write(dossier, FRESH);
    Files.writeString(key, "-----BEGIN PUBLIC KEY-----\nnot base64!\n-----END PUBLIC KEY-----\n");
    Run r = run("verify", dossier.toString(), "--public-key", key.toString());
    assertThat(r.status()).isEqualTo(2);
    assertThat(r.err())
        .contains("server.pem: not an Ed25519 public key")
        .doesNotContain("Exception");
    assertThat(run("verify", dir.resolve("missing.zip").toString()).status()).isEqualTo(2);
    // a key file that is not there is said to be missing, not to be no Ed25519 key
    Run none =
        run("verify", dossier.toString(), "--public-key", dir.resolve("none.pem").toString());
    assertThat(none.status()).isEqualTo(2);
    assertThat(none.err()).contains("none.pem: cannot read the key file").doesNotContain("Ed25519");
  }
}
