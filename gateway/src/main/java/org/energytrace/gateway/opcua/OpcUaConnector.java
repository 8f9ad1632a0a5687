package org.energytrace.gateway.opcua;

import static org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.Unsigned.uint;

import java.io.InputStream;
import java.nio.file.Files;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.eclipse.milo.opcua.sdk.client.DiscoveryClient;
import org.eclipse.milo.opcua.sdk.client.OpcUaClient;
import org.eclipse.milo.opcua.sdk.client.OpcUaClientConfig;
import org.eclipse.milo.opcua.sdk.client.OpcUaClientConfigBuilder;
import org.eclipse.milo.opcua.sdk.client.identity.AnonymousProvider;
import org.eclipse.milo.opcua.sdk.client.identity.IdentityProvider;
import org.eclipse.milo.opcua.sdk.client.identity.UsernameProvider;
import org.eclipse.milo.opcua.sdk.client.identity.X509IdentityProvider;
import org.eclipse.milo.opcua.stack.core.security.SecurityPolicy;
import org.eclipse.milo.opcua.stack.core.types.builtin.LocalizedText;
import org.eclipse.milo.opcua.stack.core.types.enumerated.MessageSecurityMode;
import org.eclipse.milo.opcua.stack.core.types.structured.EndpointDescription;
import org.eclipse.milo.opcua.stack.core.util.CertificateUtil;
import org.eclipse.milo.opcua.stack.core.util.EndpointUtil;
import org.eclipse.milo.opcua.stack.transport.client.tcp.OpcTcpClientTransportConfigBuilder;
import org.energytrace.gateway.config.DeviceConfig;
import org.energytrace.gateway.model.GatewayException;

/**
 * Creates a Milo client for one device with every network call bounded by the device's timeout:
 * discovery (at the URL, or URL/discovery as Milo does), the TCP connect and Hello/Acknowledge, and
 * each service call. Milo's {@code OpcUaClient.create(url, …)} and its synchronous calls wait for a
 * session without a bound, which after a server vanished is forever; they are never used. The
 * endpoint is chosen by security policy and mode; the user identity is anonymous, username/password
 * or an X.509 certificate from a PKCS#12 key store.
 */
public final class OpcUaConnector {

  private static final String APPLICATION_URI = "urn:energytrace:gateway";

  private final DeviceConfig.OpcUa config;
  private final Optional<ClientPki> pki;

  OpcUaConnector(DeviceConfig.OpcUa config, Optional<ClientPki> pki) {
    this.config = config;
    this.pki = pki;
  }

  /** The URI the gateway names itself by to OPC UA servers (its client certificate carries it). */
  public static String applicationUri() {
    return APPLICATION_URI;
  }

  /** Discovers the endpoints and creates (does not connect) the client. */
  OpcUaClient createClient() throws Exception {
    String url = config.endpoint().toString();
    SecurityPolicy policy = SecurityPolicy.valueOf(config.security().policy());
    MessageSecurityMode mode = MessageSecurityMode.valueOf(config.security().mode());
    Consumer<OpcTcpClientTransportConfigBuilder> transport = transport(config);
    List<EndpointDescription> endpoints = discover(url, transport);
    // The endpoint's advertised host may be the server's own name: keep the host and port this
    // gateway was configured with.
    String host = config.endpoint().getHost();
    int port = config.endpoint().getPort() > 0 ? config.endpoint().getPort() : 4840;
    EndpointDescription endpoint =
        endpoints.stream()
            .filter(e -> policy.getUri().equals(e.getSecurityPolicyUri()))
            .filter(e -> e.getSecurityMode() == mode)
            .findFirst()
            .map(e -> EndpointUtil.updateUrl(e, host, port))
            .orElseThrow(this::noEndpoint);
    OpcUaClientConfigBuilder builder =
        OpcUaClientConfig.builder()
            .setEndpoint(endpoint)
            .setDiscoveryEndpoints(endpoints)
            .setSessionEndpointValidationEnabled(false)
            .setApplicationName(LocalizedText.english("EnergyTrace gateway"))
            .setApplicationUri(APPLICATION_URI)
            .setRequestTimeout(uint(config.timeout().toMillis()))
            .setIdentityProvider(identity());
    pki.ifPresent(
        p ->
            builder
                .setKeyPair(p.keyPair())
                .setCertificate(p.certificate())
                .setCertificateChain(new X509Certificate[] {p.certificate()})
                .setCertificateValidator(p.validator()));
    return OpcUaClient.create(builder.build(), transport);
  }

  /** Connects within twice the timeout (discovery and session). */
  void connect(OpcUaClient client) throws Exception {
    client.connectAsync().get(config.timeout().toMillis() * 2, TimeUnit.MILLISECONDS);
  }

  /**
   * Waits for one OPC UA service call at most the device timeout (plus a little for the transport).
   */
  <T> T bounded(CompletionStage<T> call) throws Exception {
    return call.toCompletableFuture().get(config.timeout().toMillis() + 500, TimeUnit.MILLISECONDS);
  }

  private static Consumer<OpcTcpClientTransportConfigBuilder> transport(DeviceConfig.OpcUa config) {
    return t ->
        t.setConnectTimeout(uint(config.timeout().toMillis()))
            .setAcknowledgeTimeout(uint(config.timeout().toMillis()));
  }

  /** GetEndpoints at the URL, or at URL/discovery as Milo does, each bounded by the timeout. */
  private List<EndpointDescription> discover(
      String url, Consumer<OpcTcpClientTransportConfigBuilder> transport) throws Exception {
    try {
      return DiscoveryClient.getEndpoints(url, transport)
          .get(config.timeout().toMillis() * 2, TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      if (url.endsWith("/discovery")) {
        throw e;
      }
      return DiscoveryClient.getEndpoints(
              url + (url.endsWith("/") ? "" : "/") + "discovery", transport)
          .get(config.timeout().toMillis() * 2, TimeUnit.MILLISECONDS);
    }
  }

  private GatewayException noEndpoint() {
    return new GatewayException(
        GatewayException.Code.DEVICE_REJECTED,
        "device "
            + config.id()
            + ": "
            + config.endpoint()
            + " offers no endpoint with security policy "
            + config.security().policy()
            + " and mode "
            + config.security().mode());
  }

  private IdentityProvider identity() throws Exception {
    DeviceConfig.OpcUaSecurity security = config.security();
    if (security.username().isPresent()) {
      return new UsernameProvider(security.username().get(), security.password().orElse(""));
    }
    if (security.x509Keystore().isPresent()) {
      KeyStore store = KeyStore.getInstance("PKCS12");
      char[] password = security.x509Password().orElse("").toCharArray();
      try (InputStream in = Files.newInputStream(security.x509Keystore().get())) {
        store.load(in, password);
      }
      String alias = store.aliases().nextElement();
      return new X509IdentityProvider(
          (X509Certificate) store.getCertificate(alias),
          (PrivateKey) store.getKey(alias, password));
    }
    return AnonymousProvider.INSTANCE;
  }

  /**
   * The server certificate an endpoint presents, for {@code gateway trust}; GatewayException
   * (DEVICE_REJECTED) when the server offers no endpoint for the configured policy.
   */
  public static X509Certificate serverCertificate(DeviceConfig.OpcUa config) throws Exception {
    List<EndpointDescription> endpoints =
        DiscoveryClient.getEndpoints(config.endpoint().toString(), transport(config))
            .get(config.timeout().toMillis() * 2, TimeUnit.MILLISECONDS);
    for (EndpointDescription e : endpoints) {
      if (e.getSecurityPolicyUri()
              .equals(SecurityPolicy.valueOf(config.security().policy()).getUri())
          && e.getServerCertificate() != null
          && e.getServerCertificate().isNotNull()) {
        return CertificateUtil.decodeCertificate(e.getServerCertificate().bytesOrEmpty());
      }
    }
    throw new GatewayException(
        GatewayException.Code.DEVICE_REJECTED,
        "device "
            + config.id()
            + ": no endpoint with security policy "
            + config.security().policy()
            + " and a certificate at "
            + config.endpoint());
  }
}
