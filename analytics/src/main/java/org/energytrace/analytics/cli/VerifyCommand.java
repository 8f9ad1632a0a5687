package org.energytrace.analytics.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.util.Base64;
import java.util.concurrent.Callable;
import org.energytrace.analytics.dossier.DossierChecker;
import org.energytrace.analytics.dossier.DossierResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code analytics verify DOSSIER.zip [--public-key FILE]}: the auditor's offline check of a
 * verification dossier (docs/verification.md). Exit 0 with a one-screen summary when everything
 * matches, 1 naming the first mismatch, 2 when the input cannot be checked.
 */
@Command(
    name = "verify",
    mixinStandardHelpOptions = true,
    description = {
      "Checks a verification dossier offline: the manifest's Ed25519 signature, every file's"
          + " SHA-256, the day seals against the readings, the audit chain, and the savings"
          + " recomputed from the CSVs against figures.json. See docs/verification.md.",
      "Exit status: 0 all match, 1 a mismatch (named), 2 unusable input."
    })
final class VerifyCommand implements Callable<Integer> {

  static final int EXIT_UNUSABLE = 2;

  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "DOSSIER.zip", description = "the dossier")
  Path dossier;

  @Option(
      names = "--public-key",
      paramLabel = "FILE",
      description =
          "the server's Ed25519 public key (PEM 'BEGIN PUBLIC KEY' or base64 DER), as published;"
              + " without it the key embedded in the dossier is used and the summary says so")
  Path publicKey;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    byte[] zip;
    PublicKey key = null;
    try {
      zip = Files.readAllBytes(dossier);
    } catch (IOException e) {
      return CommandEnd.error(
          err, EXIT_UNUSABLE, dossier + ": cannot read the file: " + e.getMessage());
    }
    if (publicKey != null) {
      String text;
      try {
        text = Files.readString(publicKey, StandardCharsets.US_ASCII);
      } catch (IOException e) {
        // a missing or unreadable file, not a key that is not one
        return CommandEnd.error(
            err, EXIT_UNUSABLE, publicKey + ": cannot read the key file: " + e.getMessage());
      }
      try {
        key = readKey(text);
      } catch (GeneralSecurityException | IllegalArgumentException e) {
        // the JDK's words ("IOException: DerInputStream.getLength()…") say nothing to an auditor
        return CommandEnd.error(
            err,
            EXIT_UNUSABLE,
            publicKey + ": not an Ed25519 public key (PEM or base64 of its X.509 DER)");
      }
    }
    DossierResult r = DossierChecker.check(zip, key);
    for (String line : r.summary()) {
      out.println(line);
    }
    if (r.outcome() == DossierResult.Outcome.VERIFIED) {
      out.println("VERIFIED  " + dossier.getFileName());
    } else {
      out.println(
          (r.outcome() == DossierResult.Outcome.MISMATCH ? "MISMATCH  " : "UNUSABLE  ")
              + r.problem());
      err.println("error: " + dossier + ": " + r.problem());
    }
    out.flush();
    err.flush();
    return r.outcome().exitStatus();
  }

  static PublicKey readKey(String text) throws GeneralSecurityException {
    String b64 = text.replaceAll("-----(BEGIN|END) PUBLIC KEY-----", "").replaceAll("\\s", "");
    return DossierChecker.publicKey(Base64.getDecoder().decode(b64));
  }
}
