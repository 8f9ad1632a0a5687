package org.energytrace.ingest.verification.dossier;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.energytrace.analytics.dossier.DossierChecker;

/**
 * The server's Ed25519 key that signs dossier manifests (docs/verification.md §5–§6): one file
 * holding the private key (PEM {@code PRIVATE KEY}, PKCS#8) and the public key (PEM {@code PUBLIC
 * KEY}, X.509), generated with the JDK on first start when absent and written with permissions
 * 0600. Back the file up: a lost key cannot sign again with the published identity (dossiers signed
 * before stay verifiable with the published public key); a leaked key lets anyone sign dossiers in
 * the server's name.
 */
public final class ServerKey {
  private static final Pattern BLOCK =
      Pattern.compile("-----BEGIN ([A-Z ]+)-----\\s*([A-Za-z0-9+/=\\s]+?)-----END \\1-----");

  private final KeyPair pair;
  private final Path file;

  private ServerKey(KeyPair pair, Path file) {
    this.pair = pair;
    this.file = file;
  }

  /** Reads the key file, or generates it (0600) when it does not exist. */
  public static ServerKey loadOrCreate(Path file) {
    try {
      if (!Files.exists(file)) {
        create(file);
      }
      return read(file);
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalStateException(
          "server key " + file + ": " + e.getMessage() + " (integrity.server_key_file)", e);
    }
  }

  /** Reads an existing key file. */
  public static ServerKey read(Path file) throws IOException, GeneralSecurityException {
    String text = Files.readString(file, StandardCharsets.US_ASCII);
    byte[] priv = null;
    byte[] pub = null;
    Matcher m = BLOCK.matcher(text);
    while (m.find()) {
      byte[] der = Base64.getMimeDecoder().decode(m.group(2));
      if (m.group(1).equals("PRIVATE KEY")) {
        priv = der;
      } else if (m.group(1).equals("PUBLIC KEY")) {
        pub = der;
      }
    }
    if (priv == null || pub == null) {
      throw new GeneralSecurityException(
          "expected a PEM PRIVATE KEY and a PEM PUBLIC KEY block (Ed25519)");
    }
    KeyFactory f = KeyFactory.getInstance("Ed25519");
    PrivateKey p = f.generatePrivate(new PKCS8EncodedKeySpec(priv));
    PublicKey q = f.generatePublic(new X509EncodedKeySpec(pub));
    return new ServerKey(new KeyPair(q, p), file);
  }

  private static void create(Path file) throws IOException, GeneralSecurityException {
    KeyPair kp = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
    String text =
        pem("PRIVATE KEY", kp.getPrivate().getEncoded())
            + pem("PUBLIC KEY", kp.getPublic().getEncoded());
    Path dir = file.toAbsolutePath().getParent();
    Files.createDirectories(dir);
    Path tmp;
    try {
      tmp =
          Files.createTempFile(
              dir,
              ".dossier-key",
              ".tmp",
              PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    } catch (UnsupportedOperationException e) {
      // not a POSIX file system: the directory's permissions protect the key
      tmp = Files.createTempFile(dir, ".dossier-key", ".tmp");
    }
    Files.writeString(tmp, text, StandardCharsets.US_ASCII);
    try {
      // a hard link never replaces: two instances starting at once keep the first key written
      Files.createLink(file, tmp);
    } catch (FileAlreadyExistsException e) {
      // another instance was first
    } catch (UnsupportedOperationException e) {
      Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  private static String pem(String type, byte[] der) {
    return "-----BEGIN "
        + type
        + "-----\n"
        + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
        + "\n-----END "
        + type
        + "-----\n";
  }

  public KeyPair pair() {
    return pair;
  }

  public Path file() {
    return file;
  }

  /** The public key as PEM ({@code analytics verify --public-key} reads it). */
  public String publicPem() {
    return pem("PUBLIC KEY", pair.getPublic().getEncoded());
  }

  /** The key's id in manifests: {@code ed25519-} and its fingerprint. */
  public String keyId() {
    return "ed25519-" + DossierChecker.fingerprint(pair.getPublic());
  }
}
