package org.energytrace.gateway.opcua;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.Security;
import java.security.cert.X509Certificate;
import java.time.Period;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.eclipse.milo.opcua.stack.core.security.CertificateValidator;
import org.eclipse.milo.opcua.stack.core.security.DefaultClientCertificateValidator;
import org.eclipse.milo.opcua.stack.core.security.FileBasedCertificateQuarantine;
import org.eclipse.milo.opcua.stack.core.security.FileBasedTrustListManager;
import org.eclipse.milo.opcua.stack.core.util.SelfSignedCertificateBuilder;
import org.energytrace.gateway.model.GatewayException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gateway's OPC UA PKI in {@code {data_dir}/pki}: its application instance certificate ({@code
 * own/gateway.p12}, created on first start and kept), the servers it trusts ({@code trusted/certs},
 * filled by {@code gateway trust} or by an operator copying DER files there) and the server
 * certificates it refused ({@code rejected/}). There is no trust-all: a server whose certificate is
 * not in the trusted folder is refused, and its certificate waits in rejected/.
 */
public final class ClientPki implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(ClientPki.class);

  static {
    // Aes256_Sha256_RsaPss signs with "SHA256withRSA/PSS", which only Bouncy Castle provides
    // (a dependency of Milo's stack); the JDK's own providers call it RSASSA-PSS.
    if (Security.getProvider("BC") == null) {
      Security.addProvider(new org.bouncycastle.jce.provider.BouncyCastleProvider());
    }
  }

  private static final String ALIAS = "gateway";
  // The key store file is protected by file permissions (0600); its password only satisfies the
  // PKCS#12 format.
  private static final char[] STORE_PASSWORD = "energytrace".toCharArray();

  private final Path dir;
  private final KeyPair keyPair;
  private final X509Certificate certificate;
  private final FileBasedTrustListManager trustList;
  private final FileBasedCertificateQuarantine rejected;
  private final CertificateValidator validator;

  /**
   * Who the certificate names: CN the gateway id, O the enterprise, OU the site. Fields without a
   * value are left out of the subject rather than written empty.
   */
  public record Subject(String commonName, Optional<String> organization, Optional<String> unit) {
    public Subject {
      if (commonName == null || commonName.isBlank()) {
        throw new IllegalArgumentException("a certificate needs a common name");
      }
      organization = organization.filter(o -> !o.isBlank());
      unit = unit.filter(u -> !u.isBlank());
    }
  }

  private ClientPki(Path dir, String applicationUri, String hostname, Subject subject)
      throws Exception {
    this.dir = dir;
    Path own = Files.createDirectories(dir.resolve("own")).resolve("gateway.p12");
    KeyStore store = KeyStore.getInstance("PKCS12");
    if (Files.exists(own)) {
      try (InputStream in = Files.newInputStream(own)) {
        store.load(in, STORE_PASSWORD);
      }
      certificate = (X509Certificate) store.getCertificate(ALIAS);
      PrivateKey key = (PrivateKey) store.getKey(ALIAS, STORE_PASSWORD);
      keyPair = new KeyPair(certificate.getPublicKey(), key);
    } else {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
      generator.initialize(2048);
      keyPair = generator.generateKeyPair();
      certificate =
          new SelfSignedCertificateBuilder(keyPair)
              .setCommonName(subject.commonName())
              // Milo's builder defaults these to "", which writes empty fields (OU=, L=, ST=,
              // C=) into the subject; null leaves them out
              .setOrganization(subject.organization().orElse(null))
              .setOrganizationalUnit(subject.unit().orElse(null))
              .setLocalityName(null)
              .setStateName(null)
              .setCountryCode(null)
              .setApplicationUri(applicationUri)
              .addDnsName(hostname)
              .setValidityPeriod(Period.ofYears(5))
              .build();
      store.load(null, STORE_PASSWORD);
      store.setKeyEntry(
          ALIAS, keyPair.getPrivate(), STORE_PASSWORD, new X509Certificate[] {certificate});
      try (OutputStream out = Files.newOutputStream(own)) {
        store.store(out, STORE_PASSWORD);
      }
      try {
        Files.setPosixFilePermissions(own, PosixFilePermissions.fromString("rw-------"));
      } catch (UnsupportedOperationException e) {
        // not a POSIX file system
      }
      log.info(
          "created the gateway's OPC UA application certificate {} (SHA-1 {})",
          own,
          thumbprint(certificate));
    }
    trustList = FileBasedTrustListManager.createAndInitialize(dir);
    rejected = FileBasedCertificateQuarantine.create(dir.resolve("rejected"));
    validator = new DefaultClientCertificateValidator(trustList, rejected);
  }

  /** Opens (creating on first use) a PKI whose certificate names only "EnergyTrace gateway". */
  public static ClientPki open(Path dir, String applicationUri) {
    return open(
        dir,
        applicationUri,
        new Subject("EnergyTrace gateway", Optional.empty(), Optional.empty()));
  }

  /**
   * Opens (creating on first use) the PKI of a gateway. A certificate already in {@code own/} is
   * kept as it is (delete it to have a new one made with this subject).
   */
  public static ClientPki open(Path dir, String applicationUri, Subject subject) {
    try {
      return new ClientPki(dir, applicationUri, InetAddress.getLocalHost().getHostName(), subject);
    } catch (Exception e) {
      throw new GatewayException(
          GatewayException.Code.STORAGE_FAILED,
          "cannot open the OPC UA PKI in " + dir + ": " + e,
          e);
    }
  }

  public KeyPair keyPair() {
    return keyPair;
  }

  public X509Certificate certificate() {
    return certificate;
  }

  public CertificateValidator validator() {
    return validator;
  }

  public Path directory() {
    return dir;
  }

  /** Adds a server certificate to the trusted folder. */
  public void trust(X509Certificate server) {
    trustList.addTrustedCertificate(server);
    rejected.removeRejectedCertificate(server);
    log.info(
        "trusted OPC UA server certificate {} (SHA-1 {})", subject(server), thumbprint(server));
  }

  public List<X509Certificate> trusted() {
    return trustList.getTrustedCertificates();
  }

  public List<X509Certificate> rejected() {
    return rejected.getRejectedCertificates();
  }

  public static String thumbprint(X509Certificate certificate) {
    try {
      return HexFormat.ofDelimiter(":")
          .withUpperCase()
          .formatHex(MessageDigest.getInstance("SHA-1").digest(certificate.getEncoded()));
    } catch (Exception e) {
      return "?";
    }
  }

  public static String subject(X509Certificate certificate) {
    return certificate.getSubjectX500Principal().getName();
  }

  @Override
  public void close() {
    try {
      trustList.close();
    } catch (IOException e) {
      log.debug("closing the trust list: {}", e.toString());
    }
  }
}
