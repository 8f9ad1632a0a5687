package org.energytrace.gateway.cli;

import java.io.PrintWriter;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeoutException;
import org.energytrace.gateway.config.DeviceConfig;
import org.energytrace.gateway.config.GatewayConfig;
import org.energytrace.gateway.model.GatewayException;
import org.energytrace.gateway.opcua.ClientPki;
import org.energytrace.gateway.opcua.OpcUaConnector;
import org.energytrace.gateway.runtime.GatewayRuntime;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code gateway trust}: shows, and with {@code --yes} trusts, secure OPC UA servers' certs. */
@Command(
    name = "trust",
    mixinStandardHelpOptions = true,
    description =
        "Show the certificate of each secure OPC UA server in the config; with --yes, add it to"
            + " the gateway's trusted folder ({data_dir}/pki/trusted/certs).")
public final class TrustCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Mixin ConfigFile config;

  @Option(names = "--device", description = "Only this device.")
  String device;

  @Option(names = "--yes", description = "Trust the certificates shown (after checking them).")
  boolean yes;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    GatewayConfig loaded = config.load();
    List<DeviceConfig.OpcUa> secure = new ArrayList<>();
    for (DeviceConfig d : loaded.devices()) {
      if (d instanceof DeviceConfig.OpcUa opcUa
          && opcUa.security().isSecure()
          && (device == null || device.equals(d.id()))) {
        secure.add(opcUa);
      }
    }
    if (secure.isEmpty()) {
      // nothing to trust: no gateway certificate is made either ({data_dir}/pki stays as it is)
      out.println("no secure OPC UA device" + (device == null ? "" : " named " + device));
      out.flush();
      return 1;
    }
    int failed = 0;
    try (ClientPki pki = GatewayRuntime.pki(loaded)) {
      out.println(
          "gateway certificate: "
              + ClientPki.subject(pki.certificate())
              + " SHA-1 "
              + ClientPki.thumbprint(pki.certificate())
              + " (the servers must trust it too: "
              + pki.directory().resolve("own")
              + ")");
      for (DeviceConfig.OpcUa opcUa : secure) {
        failed += show(out, pki, opcUa) ? 0 : 1;
      }
    }
    if (failed > 0) {
      out.println(
          failed + " of " + secure.size() + " secure servers could not be shown (see above)");
    }
    out.flush();
    return failed > 0 ? 1 : 0;
  }

  /** Shows (and with --yes trusts) one server's certificate; false when it could not be had. */
  private boolean show(PrintWriter out, ClientPki pki, DeviceConfig.OpcUa opcUa) throws Exception {
    X509Certificate server;
    try {
      server = OpcUaConnector.serverCertificate(opcUa);
    } catch (GatewayException e) {
      out.printf(
          "device %s at %s:%n  skipped: %s%n",
          opcUa.id(),
          opcUa.endpoint(),
          e.getMessage().replaceFirst("^device " + opcUa.id() + ": ", ""));
      return false;
    } catch (Exception e) {
      out.printf(
          "device %s at %s:%n  skipped: cannot get its endpoints: %s%n",
          opcUa.id(),
          opcUa.endpoint(),
          e instanceof TimeoutException
              ? "no answer within " + opcUa.timeout().multipliedBy(2)
              : String.valueOf(e.getCause() != null ? e.getCause().getMessage() : e.getMessage()));
      return false;
    }
    out.printf(
        "device %s at %s:%n  subject %s%n  SHA-1   %s%n  valid   %s .. %s%n",
        opcUa.id(),
        opcUa.endpoint(),
        ClientPki.subject(server),
        ClientPki.thumbprint(server),
        server.getNotBefore().toInstant(),
        server.getNotAfter().toInstant());
    if (yes) {
      pki.trust(server);
      out.println("  trusted");
    } else {
      out.println("  not trusted yet: compare the fingerprint, then re-run with --yes");
    }
    return true;
  }
}
