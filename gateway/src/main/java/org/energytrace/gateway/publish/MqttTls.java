package org.energytrace.gateway.publish;

import java.io.InputStream;
import java.nio.file.Files;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;
import org.energytrace.gateway.config.MqttConfig;
import org.energytrace.gateway.model.GatewayException;

/** TLS for the broker connection: trust only the configured CA; present a client certificate. */
final class MqttTls {

  private MqttTls() {}

  static SSLSocketFactory socketFactory(MqttConfig.Tls tls) {
    try {
      KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
      trust.load(null, null);
      try (InputStream in = Files.newInputStream(tls.caFile())) {
        int n = 0;
        for (Certificate ca : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
          trust.setCertificateEntry("ca-" + n++, ca);
        }
        if (n == 0) {
          throw new IllegalArgumentException("no certificate in " + tls.caFile());
        }
      }
      TrustManagerFactory tmf =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      tmf.init(trust);
      KeyManagerFactory kmf = null;
      if (tls.clientKeystore().isPresent()) {
        char[] password = tls.clientKeystorePassword().orElse("").toCharArray();
        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(tls.clientKeystore().get())) {
          keys.load(in, password);
        }
        kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(keys, password);
      }
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(kmf == null ? null : kmf.getKeyManagers(), tmf.getTrustManagers(), null);
      return context.getSocketFactory();
    } catch (Exception e) {
      throw new GatewayException(
          GatewayException.Code.CONFIG_INVALID,
          "mqtt.tls: cannot set up TLS from " + tls.caFile() + ": " + e.getMessage(),
          e);
    }
  }
}
