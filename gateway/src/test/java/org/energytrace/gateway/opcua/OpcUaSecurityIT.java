package org.energytrace.gateway.opcua;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.milo.opcua.stack.core.util.SelfSignedCertificateBuilder;
import org.energytrace.gateway.GatewayMain;
import org.energytrace.gateway.config.DeviceConfig;
import org.energytrace.gateway.config.DeviceConfig.OpcUaPoint;
import org.energytrace.gateway.fixtures.FreePorts;
import org.energytrace.gateway.fixtures.SimulatedPlant;
import org.energytrace.gateway.model.PointTarget.MeterChannel;
import org.energytrace.gateway.model.Quality;
import org.energytrace.gateway.model.Reading;
import org.energytrace.gateway.simulator.FactoryModel;
import org.energytrace.gateway.simulator.PlantSnapshot;
import org.energytrace.gateway.simulator.SimulationParameters;
import org.energytrace.gateway.simulator.SimulatorOpcUaServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine;

/**
 * Secure OPC UA (OPC 10000-2 §6, 10000-7 security policies) against a Milo server that offers every
 * policy and mode the issue names, with username tokens. The gateway trusts no server it has not
 * been told to trust.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OpcUaSecurityIT {

  private static final String USER = "meter-reader";
  private static final String PASSWORD = "s3cret-from-env";

  private final int port = FreePorts.next();
  private SimulatorOpcUaServer server;
  private double servedPower;

  @TempDir Path dir;

  @BeforeAll
  void startSecureServer() throws Exception {
    server = new SimulatorOpcUaServer("127.0.0.1", "127.0.0.1", port, Map.of(USER, PASSWORD));
    server.start();
    Instant t = SimulatedPlant.MONDAY_MORNING.plusSeconds(60);
    PlantSnapshot snapshot =
        FactoryModel.demoBrewery(SimulationParameters.defaults(), SimulatedPlant.MONDAY_MORNING)
            .advanceTo(t);
    servedPower = server.update(snapshot, t).get(0).value();
  }

  @AfterAll
  void stopServer() throws Exception {
    server.close();
  }

  private DeviceConfig.OpcUa meter(String policy, String mode, String user, String password) {
    return new DeviceConfig.OpcUa(
            "plc",
            URI.create("opc.tcp://127.0.0.1:" + port + SimulatorOpcUaServer.PATH),
            Duration.ofSeconds(5),
            List.of(
                new OpcUaPoint(
                    MeterChannel.gauge("line1-em", "AcActivePowerTotal", "KWT"),
                    "nsu=urn:energytrace:simulator;s=" + SimulatorOpcUaServer.POWER_NODE)))
        .withSecurity(
            new DeviceConfig.OpcUaSecurity(
                policy,
                mode,
                Optional.ofNullable(user),
                Optional.ofNullable(password),
                Optional.empty(),
                Optional.empty()));
  }

  private static List<Reading> pollOnce(DeviceConfig.OpcUa config, ClientPki pki) {
    try (OpcUaMeterDriver driver =
        new OpcUaMeterDriver(config, Clock.systemUTC(), Optional.of(pki))) {
      return driver.poll();
    }
  }

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource({
    "Basic256Sha256, Sign",
    "Basic256Sha256, SignAndEncrypt",
    "Aes128_Sha256_RsaOaep, Sign",
    "Aes128_Sha256_RsaOaep, SignAndEncrypt",
    "Aes256_Sha256_RsaPss, Sign",
    "Aes256_Sha256_RsaPss, SignAndEncrypt"
  })
  void readsOverEachSecurityPolicyAndModeWithAUsernameOnceTheServerIsTrusted(
      String policy, String mode) throws Exception {
    try (ClientPki pki =
        ClientPki.open(dir.resolve(policy + mode), OpcUaConnector.applicationUri())) {
      pki.trust(server.certificate().orElseThrow());
      List<Reading> readings = pollOnce(meter(policy, mode, USER, PASSWORD), pki);
      assertThat(readings).extracting(Reading::quality).containsExactly(Quality.GOOD);
      assertThat(readings.get(0).value()).isEqualTo(servedPower);
    }
  }

  @Test
  void refusesAnUntrustedServerUntilTheOperatorTrustsItWithTheTrustCommand() throws Exception {
    Path data = dir.resolve("gateway-data");
    Path config = dir.resolve("gateway.yaml");
    Files.writeString(
        config,
        """
        gateway: {id: gw-1, enterprise: acme, site: plant-1, data_dir: %s}
        mqtt: {url: "tcp://127.0.0.1:1883"}
        poll_interval: PT1S
        devices:
          - id: plc
            protocol: opcua
            endpoint: opc.tcp://127.0.0.1:%d/energytrace
            security_policy: Basic256Sha256
            security_mode: SignAndEncrypt
            points:
              - {meter: line1-em, channel: AcActivePowerTotal, unit: KWT, node: "nsu=urn:energytrace:simulator;s=Line1.Electricity.AcActivePowerTotal"}
        """
            .formatted(data, port));
    DeviceConfig.OpcUa anonymous = meter("Basic256Sha256", "SignAndEncrypt", null, null);
    String thumbprint = ClientPki.thumbprint(server.certificate().orElseThrow());

    try (ClientPki pki = ClientPki.open(data.resolve("pki"), OpcUaConnector.applicationUri())) {
      assertThat(pollOnce(anonymous, pki)).extracting(Reading::quality).containsOnly(Quality.BAD);
      // OPC 10000-4 §6.1.3: an untrusted certificate is rejected and kept for the operator.
      assertThat(pki.rejected()).extracting(ClientPki::thumbprint).contains(thumbprint);
    }

    String shown = trust("--config", config.toString());
    assertThat(shown).contains(thumbprint).contains("not trusted yet");
    try (ClientPki pki = ClientPki.open(data.resolve("pki"), OpcUaConnector.applicationUri())) {
      assertThat(pollOnce(anonymous, pki)).extracting(Reading::quality).containsOnly(Quality.BAD);
    }

    assertThat(trust("--config", config.toString(), "--yes")).contains("trusted");
    try (ClientPki pki = ClientPki.open(data.resolve("pki"), OpcUaConnector.applicationUri())) {
      assertThat(pollOnce(anonymous, pki)).extracting(Reading::quality).containsOnly(Quality.GOOD);
    }
  }

  private Path secureConfig(Path data, String extraDevices) throws Exception {
    Path config = dir.resolve("gateway-" + System.nanoTime() + ".yaml");
    Files.writeString(
        config,
        """
        gateway: {id: gw-1, enterprise: acme, site: plant-1, data_dir: %s}
        mqtt: {url: "tcp://127.0.0.1:1883"}
        poll_interval: PT1S
        devices:
        %s
          - id: plc
            protocol: opcua
            endpoint: opc.tcp://127.0.0.1:%d/energytrace
            security_policy: Basic256Sha256
            security_mode: SignAndEncrypt
            points:
              - {meter: line1-em, channel: AcActivePowerTotal, unit: KWT, node: "nsu=urn:energytrace:simulator;s=Line1.Electricity.AcActivePowerTotal"}
              - {meter: line1-em, channel: AcActiveEnergyTotalImport, unit: KWH, kind: counter, counter_bits: 64, node: "nsu=urn:energytrace:simulator;s=Line1.Electricity.AcActiveEnergyTotalImport"}
        """
            .formatted(data, extraDevices, port));
    return config;
  }

  private record Run(int exit, String out) {}

  private static Run gateway(String... args) {
    StringWriter out = new StringWriter();
    CommandLine cli = GatewayMain.commandLine();
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(out));
    int exit = cli.execute(args);
    return new Run(exit, out.toString());
  }

  @Test
  void checkSaysTheServerCertificateIsNotTrustedAndHowToTrustItInsteadOfAPkixError()
      throws Exception {
    Path config = secureConfig(dir.resolve("untrusted-data"), "");
    ch.qos.logback.classic.Logger root =
        (ch.qos.logback.classic.Logger)
            org.slf4j.LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent> logs =
        new ch.qos.logback.core.read.ListAppender<>();
    logs.start();
    root.addAppender(logs);
    Run check;
    try {
      check = gateway("check", "--config", config.toString());
    } finally {
      root.detachAppender(logs);
    }

    assertThat(check.exit()).as(check.out()).isEqualTo(3);
    assertThat(check.out())
        .contains(
            "device plc: server certificate not trusted; run gateway trust --config "
                + config
                + " --device plc")
        .doesNotContain("trustAnchors");
    // the log says it in the same words, without a stack trace
    assertThat(logs.list)
        .filteredOn(e -> e.getLevel().isGreaterOrEqual(ch.qos.logback.classic.Level.WARN))
        .allSatisfy(
            e -> {
              assertThat(e.getFormattedMessage()).doesNotContain("trustAnchors");
              assertThat(e.getThrowableProxy()).as(e.getFormattedMessage()).isNull();
            });
  }

  @Test
  void trustGoesOnPastAServerWithoutASecureEndpointAndSaysWhy() throws Exception {
    int insecurePort = FreePorts.next();
    try (SimulatorOpcUaServer insecure =
        new SimulatorOpcUaServer("127.0.0.1", "127.0.0.1", insecurePort)) {
      insecure.start();
      Path config =
          secureConfig(
              dir.resolve("trust-data"),
              """
                - id: old-plc
                  protocol: opcua
                  endpoint: opc.tcp://127.0.0.1:%d/energytrace
                  security_policy: Basic256Sha256
                  security_mode: SignAndEncrypt
                  points:
                    - {meter: line9-em, channel: AcActivePowerTotal, unit: KWT, node: "nsu=urn:energytrace:simulator;s=Line1.Electricity.AcActivePowerTotal"}
              """
                  .formatted(insecurePort));

      Run trust = gateway("trust", "--config", config.toString(), "--yes");

      assertThat(trust.exit()).as(trust.out()).isEqualTo(1);
      assertThat(trust.out())
          .contains("device old-plc at opc.tcp://127.0.0.1:" + insecurePort)
          .contains("skipped:", "Basic256Sha256")
          .contains(ClientPki.thumbprint(server.certificate().orElseThrow()))
          .contains("  trusted")
          .contains("1 of 2 secure servers could not be shown");
    }
  }

  @Test
  void namesTheGatewayEnterpriseAndSiteInItsCertificateWithoutEmptyFields() throws Exception {
    Path config = secureConfig(dir.resolve("subject-data"), "");
    Run trust = gateway("trust", "--config", config.toString());
    assertThat(trust.exit()).as(trust.out()).isZero();
    try (ClientPki pki =
        ClientPki.open(
            dir.resolve("subject-data").resolve("pki"), OpcUaConnector.applicationUri())) {
      String subject = ClientPki.subject(pki.certificate());
      assertThat(subject).contains("CN=gw-1", "O=acme", "OU=plant-1");
      assertThat(subject).doesNotContainPattern("(^|,)[A-Z]+=(,|$)");
      assertThat(trust.out()).contains("gateway certificate: " + subject);
    }
  }

  /** A user's key and certificate in a PKCS#12 key store, as an operator would provide it. */
  private Path userKeystore(String commonName) throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
    generator.initialize(2048);
    KeyPair keys = generator.generateKeyPair();
    X509Certificate certificate =
        new SelfSignedCertificateBuilder(keys)
            .setCommonName(commonName)
            .setApplicationUri("urn:energytrace:user:" + commonName)
            .build();
    KeyStore store = KeyStore.getInstance("PKCS12");
    store.load(null, null);
    store.setKeyEntry(
        "user", keys.getPrivate(), "user-pw".toCharArray(), new X509Certificate[] {certificate});
    Path file = dir.resolve(commonName + ".p12");
    try (var out = Files.newOutputStream(file)) {
      store.store(out, "user-pw".toCharArray());
    }
    return file;
  }

  // OPC 10000-4 §7.41.5: an X509IdentityToken proves the user with a certificate and a signature.
  @Test
  void authenticatesWithAnX509UserCertificateAndRefusesAnUnknownOne() throws Exception {
    try (ClientPki pki = ClientPki.open(dir.resolve("x509"), OpcUaConnector.applicationUri())) {
      pki.trust(server.certificate().orElseThrow());
      for (String user : List.of(USER, "intruder")) {
        DeviceConfig.OpcUa config =
            meter("Basic256Sha256", "SignAndEncrypt", null, null)
                .withSecurity(
                    new DeviceConfig.OpcUaSecurity(
                        "Basic256Sha256",
                        "SignAndEncrypt",
                        Optional.empty(),
                        Optional.empty(),
                        Optional.of(userKeystore(user)),
                        Optional.of("user-pw")));
        assertThat(pollOnce(config, pki))
            .extracting(Reading::quality)
            .as(user)
            .containsOnly(user.equals(USER) ? Quality.GOOD : Quality.BAD);
      }
    }
  }

  @Test
  void refusesAWrongPassword() throws Exception {
    try (ClientPki pki = ClientPki.open(dir.resolve("pw"), OpcUaConnector.applicationUri())) {
      pki.trust(server.certificate().orElseThrow());
      assertThat(pollOnce(meter("Basic256Sha256", "SignAndEncrypt", USER, "wrong"), pki))
          .extracting(Reading::quality)
          .containsOnly(Quality.BAD);
    }
  }

  @Test
  void createsTheApplicationCertificateOnceAndKeepsIt() throws Exception {
    String first;
    try (ClientPki pki = ClientPki.open(dir.resolve("keep"), OpcUaConnector.applicationUri())) {
      first = ClientPki.thumbprint(pki.certificate());
    }
    try (ClientPki pki = ClientPki.open(dir.resolve("keep"), OpcUaConnector.applicationUri())) {
      assertThat(ClientPki.thumbprint(pki.certificate())).isEqualTo(first);
    }
    assertThat(dir.resolve("keep/own/gateway.p12")).exists();
  }

  private static String trust(String... args) {
    StringWriter out = new StringWriter();
    CommandLine cli = GatewayMain.commandLine();
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(out));
    String[] all = new String[args.length + 1];
    all[0] = "trust";
    System.arraycopy(args, 0, all, 1, args.length);
    int exit = cli.execute(all);
    assertThat(exit).as(out.toString()).isZero();
    return out.toString();
  }
}
