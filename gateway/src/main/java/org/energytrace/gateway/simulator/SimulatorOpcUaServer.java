package org.energytrace.gateway.simulator;

import static org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.Unsigned.uint;

import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;
import org.eclipse.milo.opcua.sdk.core.AccessLevel;
import org.eclipse.milo.opcua.sdk.core.Reference;
import org.eclipse.milo.opcua.sdk.server.EndpointConfig;
import org.eclipse.milo.opcua.sdk.server.ManagedNamespaceWithLifecycle;
import org.eclipse.milo.opcua.sdk.server.OpcUaServer;
import org.eclipse.milo.opcua.sdk.server.OpcUaServerConfig;
import org.eclipse.milo.opcua.sdk.server.OpcUaServerConfigBuilder;
import org.eclipse.milo.opcua.sdk.server.identity.AnonymousIdentityValidator;
import org.eclipse.milo.opcua.sdk.server.identity.CompositeValidator;
import org.eclipse.milo.opcua.sdk.server.identity.UsernameIdentityValidator;
import org.eclipse.milo.opcua.sdk.server.identity.X509IdentityValidator;
import org.eclipse.milo.opcua.sdk.server.items.DataItem;
import org.eclipse.milo.opcua.sdk.server.items.MonitoredItem;
import org.eclipse.milo.opcua.sdk.server.nodes.UaFolderNode;
import org.eclipse.milo.opcua.sdk.server.nodes.UaNode;
import org.eclipse.milo.opcua.sdk.server.nodes.UaVariableNode;
import org.eclipse.milo.opcua.sdk.server.util.SubscriptionModel;
import org.eclipse.milo.opcua.stack.core.NodeIds;
import org.eclipse.milo.opcua.stack.core.security.DefaultApplicationGroup;
import org.eclipse.milo.opcua.stack.core.security.DefaultCertificateManager;
import org.eclipse.milo.opcua.stack.core.security.MemoryCertificateQuarantine;
import org.eclipse.milo.opcua.stack.core.security.MemoryCertificateStore;
import org.eclipse.milo.opcua.stack.core.security.MemoryTrustListManager;
import org.eclipse.milo.opcua.stack.core.security.RsaSha256CertificateFactory;
import org.eclipse.milo.opcua.stack.core.security.SecurityPolicy;
import org.eclipse.milo.opcua.stack.core.types.builtin.DataValue;
import org.eclipse.milo.opcua.stack.core.types.builtin.DateTime;
import org.eclipse.milo.opcua.stack.core.types.builtin.ExtensionObject;
import org.eclipse.milo.opcua.stack.core.types.builtin.LocalizedText;
import org.eclipse.milo.opcua.stack.core.types.builtin.NodeId;
import org.eclipse.milo.opcua.stack.core.types.builtin.QualifiedName;
import org.eclipse.milo.opcua.stack.core.types.builtin.StatusCode;
import org.eclipse.milo.opcua.stack.core.types.builtin.Variant;
import org.eclipse.milo.opcua.stack.core.types.enumerated.MessageSecurityMode;
import org.eclipse.milo.opcua.stack.core.types.structured.BuildInfo;
import org.eclipse.milo.opcua.stack.core.types.structured.EUInformation;
import org.eclipse.milo.opcua.stack.core.util.SelfSignedCertificateBuilder;
import org.eclipse.milo.opcua.stack.transport.server.tcp.OpcTcpServerTransport;
import org.eclipse.milo.opcua.stack.transport.server.tcp.OpcTcpServerTransportConfig;

/**
 * The line PLC of the simulated plant, served by Eclipse Milo at {@code
 * opc.tcp://<host>:<port>/energytrace} (security None, anonymous). String NodeIds in namespace
 * {@value #NAMESPACE_URI}: {@code Line1.Electricity.AcActivePowerTotal} (Double, kW), {@code
 * Line1.Electricity.AcActiveEnergyTotalImport} (Double, kWh) and {@code LineN.Production.Count}
 * (UInt32, pieces), each with an EngineeringUnits property (OPC 10000-8, UNECE codes).
 */
public final class SimulatorOpcUaServer implements AutoCloseable {

  public static final String NAMESPACE_URI = "urn:energytrace:simulator";
  public static final String PATH = "/energytrace";
  public static final String POWER_NODE = "Line1.Electricity.AcActivePowerTotal";
  public static final String ENERGY_NODE = "Line1.Electricity.AcActiveEnergyTotalImport";
  public static final String WATER_VOLUME_NODE = "Utilities.Water.VolumeTotal";
  public static final String WATER_FLOW_NODE = "Utilities.Water.Flow";
  public static final String STEAM_HEAT_NODE = "Utilities.Steam.HeatEnergyTotal";
  public static final String STEAM_FLOW_NODE = "Utilities.Steam.MassFlow";

  private static final String UNECE_UNITS = "http://www.opcfoundation.org/UA/units/un/cefact";

  /**
   * A Double variable of the PLC that feeds a meter channel: its node (in the folder its id names
   * before the last dot), the meter and channel the demo gateway config maps it to with the UNECE
   * code {@code unit}, its EngineeringUnits ({@code unitId}, {@code unitName}) and how to take it
   * from a plant snapshot.
   */
  record MeterNode(
      String node,
      String meter,
      String channel,
      String unit,
      int unitId,
      String unitName,
      ToDoubleFunction<PlantSnapshot> value) {

    MeterNode {
      Objects.requireNonNull(node, "node");
      Objects.requireNonNull(meter, "meter");
      Objects.requireNonNull(channel, "channel");
      Objects.requireNonNull(unit, "unit");
      Objects.requireNonNull(unitName, "unitName");
      Objects.requireNonNull(value, "value");
    }

    String folder() {
      return node.substring(0, node.lastIndexOf('.'));
    }
  }

  /**
   * The meter variables, in the order they are created and served: line 1's electricity meter, the
   * plant's main water meter (MTQ m³, MQH m³/h) and the steam header's meter (issue 17: heat energy
   * in GJ, UNECE GV, unit id 0x4756; mass flow in t/h, UNECE E18, unit id 0x453138).
   */
  static final List<MeterNode> METER_NODES =
      List.of(
          new MeterNode(
              POWER_NODE,
              "line1-em",
              "AcActivePowerTotal",
              "KWT",
              4937556,
              "kW",
              s -> s.line(1).powerKw()),
          new MeterNode(
              ENERGY_NODE,
              "line1-em",
              "AcActiveEnergyTotalImport",
              "KWH",
              4937544,
              "kWh",
              s -> s.line(1).energyKwh()),
          new MeterNode(
              WATER_VOLUME_NODE,
              "water-main",
              "WaterVolumeTotal",
              "MTQ",
              5067857,
              "m³",
              s -> s.water().volumeM3()),
          new MeterNode(
              WATER_FLOW_NODE,
              "water-main",
              "WaterFlow",
              "MQH",
              5067080,
              "m³/h",
              s -> s.water().flowM3PerHour()),
          new MeterNode(
              STEAM_HEAT_NODE,
              "steam-main",
              "SteamHeatEnergyTotal",
              "GV",
              0x4756,
              "GJ",
              s -> s.steam().heatGj()),
          new MeterNode(
              STEAM_FLOW_NODE,
              "steam-main",
              "SteamMassFlow",
              "E18",
              0x453138,
              "t/h",
              s -> s.steam().massFlowTPerHour()));

  public static final String APPLICATION_URI = "urn:energytrace:simulator:plc";

  private final OpcUaServer server;
  private final X509Certificate serverCertificate;
  private final PlantNamespace namespace;
  private final int port;

  public SimulatorOpcUaServer(String bindAddress, String hostname, int port) {
    this(bindAddress, hostname, port, Map.of());
  }

  /**
   * With {@code users} (username → password), the server also offers the secure endpoints a plant
   * PLC would: Basic256Sha256, Aes128_Sha256_RsaOaep and Aes256_Sha256_RsaPss, each with Sign and
   * SignAndEncrypt, and username tokens (and X.509 user certificates whose CN is a known user)
   * besides anonymous. It has its own self-signed certificate (new at each start). Being a test
   * server, it accepts every client certificate; the gateway, the side under test, must trust the
   * server explicitly.
   */
  public SimulatorOpcUaServer(
      String bindAddress, String hostname, int port, Map<String, String> users) {
    this.port = port;
    Set<EndpointConfig> endpoints = new LinkedHashSet<>();
    endpoints.add(
        endpoint(bindAddress, hostname, port)
            .setSecurityPolicy(SecurityPolicy.None)
            .setSecurityMode(MessageSecurityMode.None)
            .addTokenPolicies(OpcUaServerConfig.USER_TOKEN_POLICY_ANONYMOUS)
            .build());
    OpcUaServerConfigBuilder config =
        OpcUaServerConfig.builder()
            .setApplicationUri(APPLICATION_URI)
            .setProductUri("urn:energytrace:simulator")
            .setApplicationName(LocalizedText.english("EnergyTrace simulated line PLC"))
            .setBuildInfo(
                new BuildInfo(
                    "urn:energytrace:simulator",
                    "EnergyTrace",
                    "EnergyTrace simulator",
                    OpcUaServer.SDK_VERSION,
                    "",
                    DateTime.now()))
            .setIdentityValidator(AnonymousIdentityValidator.INSTANCE);
    if (!users.isEmpty()) {
      X509Certificate certificate;
      DefaultApplicationGroup group;
      try {
        group =
            new DefaultApplicationGroup(
                new MemoryTrustListManager(),
                new MemoryCertificateStore(),
                new RsaSha256CertificateFactory() {
                  @Override
                  protected X509Certificate[] createRsaSha256CertificateChain(KeyPair keyPair)
                      throws Exception {
                    return new X509Certificate[] {
                      new SelfSignedCertificateBuilder(keyPair)
                          .setCommonName("EnergyTrace simulated line PLC")
                          .setApplicationUri(APPLICATION_URI)
                          .addDnsName(hostname)
                          .addIpAddress("127.0.0.1")
                          .build()
                    };
                  }
                },
                (chain, applicationUri, hostnames) -> {});
        group.initialize();
        certificate = group.getCertificateEntries().get(0).certificateChain[0];
      } catch (Exception e) {
        throw new IllegalStateException("cannot create the simulator's certificate", e);
      }
      this.serverCertificate = certificate;
      for (SecurityPolicy policy :
          List.of(
              SecurityPolicy.Basic256Sha256,
              SecurityPolicy.Aes128_Sha256_RsaOaep,
              SecurityPolicy.Aes256_Sha256_RsaPss)) {
        for (MessageSecurityMode mode :
            List.of(MessageSecurityMode.Sign, MessageSecurityMode.SignAndEncrypt)) {
          endpoints.add(
              endpoint(bindAddress, hostname, port)
                  .setSecurityPolicy(policy)
                  .setSecurityMode(mode)
                  .setCertificate(certificate)
                  .addTokenPolicies(
                      OpcUaServerConfig.USER_TOKEN_POLICY_ANONYMOUS,
                      OpcUaServerConfig.USER_TOKEN_POLICY_USERNAME,
                      OpcUaServerConfig.USER_TOKEN_POLICY_X509)
                  .build());
        }
      }
      Map<String, String> known = Map.copyOf(users);
      config
          .setCertificateManager(
              new DefaultCertificateManager(new MemoryCertificateQuarantine(), group))
          .setIdentityValidator(
              new CompositeValidator(
                  AnonymousIdentityValidator.INSTANCE,
                  new UsernameIdentityValidator(
                      c ->
                          c.getPassword() != null
                              && c.getPassword().equals(known.get(c.getUsername()))),
                  // X.509 user tokens: a certificate whose common name is a known user
                  new X509IdentityValidator(
                      c ->
                          known.containsKey(
                              c.getSubjectX500Principal()
                                  .getName()
                                  .replaceAll(".*CN=([^,]*).*", "$1")))));
    } else {
      this.serverCertificate = null;
    }
    this.server =
        new OpcUaServer(
            config.setEndpoints(endpoints).build(),
            profile -> new OpcTcpServerTransport(OpcTcpServerTransportConfig.newBuilder().build()));
    this.namespace = new PlantNamespace(server);
  }

  private static EndpointConfig.Builder endpoint(String bindAddress, String hostname, int port) {
    return EndpointConfig.newBuilder()
        .setBindAddress(bindAddress)
        .setBindPort(port)
        .setHostname(hostname)
        .setPath(PATH);
  }

  /** The server's certificate when it offers secure endpoints. */
  public Optional<X509Certificate> certificate() {
    return Optional.ofNullable(serverCertificate);
  }

  public void start() throws Exception {
    namespace.startup();
    server.startup().get(30, TimeUnit.SECONDS);
  }

  public String endpointUrl(String host) {
    return "opc.tcp://" + host + ":" + port + PATH;
  }

  /** Publishes a snapshot with {@code sourceTime}; returns the values now served. */
  public List<ServedValue> update(PlantSnapshot snapshot, Instant sourceTime) {
    return namespace.update(snapshot, new DateTime(sourceTime));
  }

  @Override
  public void close() throws Exception {
    namespace.shutdown();
    server.shutdown().get(30, TimeUnit.SECONDS);
  }

  private static final class PlantNamespace extends ManagedNamespaceWithLifecycle {

    private final SubscriptionModel subscriptionModel;
    private final Map<String, UaVariableNode> nodes = new LinkedHashMap<>();

    PlantNamespace(OpcUaServer server) {
      super(server, NAMESPACE_URI);
      subscriptionModel = new SubscriptionModel(server, this);
      getLifecycleManager().addLifecycle(subscriptionModel);
      getLifecycleManager().addStartupTask(this::createNodes);
    }

    private void createNodes() {
      for (int line = 1; line <= 3; line++) {
        UaFolderNode lineFolder = folder("Line" + line, null);
        if (line == 1) {
          meterFolder("Line1.Electricity", lineFolder);
        }
        UaFolderNode production = folder("Line" + line + ".Production", lineFolder);
        // UNECE H87 "piece" (unit id 4732983), the unit the production counters are published in.
        variable(
            "Line" + line + ".Production.Count",
            production,
            NodeIds.UInt32,
            Variant.ofUInt32(uint(0)),
            4732983,
            "piece");
      }
      // the plant's main water meter and the steam header's meter, wired to the PLC
      UaFolderNode utilities = folder("Utilities", null);
      meterFolder("Utilities.Water", utilities);
      meterFolder("Utilities.Steam", utilities);
    }

    /** The folder {@code id} with its meter nodes. */
    private void meterFolder(String id, UaFolderNode parent) {
      UaFolderNode folder = folder(id, parent);
      for (MeterNode n : METER_NODES) {
        if (n.folder().equals(id)) {
          variable(n.node(), folder, NodeIds.Double, Variant.ofDouble(0), n.unitId(), n.unitName());
        }
      }
    }

    private UaFolderNode folder(String id, UaFolderNode parent) {
      String name = id.substring(id.lastIndexOf('.') + 1);
      UaFolderNode folder =
          new UaFolderNode(
              getNodeContext(), newNodeId(id), newQualifiedName(name), LocalizedText.english(name));
      getNodeManager().addNode(folder);
      if (parent == null) {
        folder.addReference(
            new Reference(
                folder.getNodeId(), NodeIds.Organizes, NodeIds.ObjectsFolder.expanded(), false));
      } else {
        parent.addOrganizes(folder);
      }
      return folder;
    }

    private void variable(
        String id, UaFolderNode parent, NodeId dataType, Variant initial, int unitId, String unit) {
      String name = id.substring(id.lastIndexOf('.') + 1);
      UaVariableNode node =
          new UaVariableNode.UaVariableNodeBuilder(getNodeContext())
              .setNodeId(newNodeId(id))
              .setAccessLevel(AccessLevel.READ_ONLY)
              .setUserAccessLevel(AccessLevel.READ_ONLY)
              .setBrowseName(newQualifiedName(name))
              .setDisplayName(LocalizedText.english(name))
              .setDataType(dataType)
              .setTypeDefinition(NodeIds.BaseDataVariableType)
              .setMinimumSamplingInterval(100.0)
              .build();
      node.setValue(new DataValue(initial, StatusCode.UNCERTAIN, DateTime.now()));
      getNodeManager().addNode(node);
      parent.addOrganizes(node);
      nodes.put(id, node);

      EUInformation eu =
          new EUInformation(
              UNECE_UNITS, unitId, LocalizedText.english(unit), LocalizedText.english(unit));
      UaVariableNode units =
          new UaVariableNode.UaVariableNodeBuilder(getNodeContext())
              .setNodeId(newNodeId(id + ".EngineeringUnits"))
              .setAccessLevel(AccessLevel.READ_ONLY)
              .setUserAccessLevel(AccessLevel.READ_ONLY)
              .setBrowseName(new QualifiedName(0, "EngineeringUnits"))
              .setDisplayName(LocalizedText.english("EngineeringUnits"))
              .setDataType(NodeIds.EUInformation)
              .setTypeDefinition(NodeIds.PropertyType)
              .build();
      units.setValue(
          new DataValue(
              Variant.ofExtensionObject(
                  ExtensionObject.encode(getServer().getStaticEncodingContext(), eu))));
      getNodeManager().addNode(units);
      node.addReference(
          new Reference(node.getNodeId(), NodeIds.HasProperty, units.getNodeId().expanded(), true));
    }

    List<ServedValue> update(PlantSnapshot snapshot, DateTime sourceTime) {
      List<ServedValue> served = new ArrayList<>();
      serveMeters("Line", snapshot, sourceTime, served);
      for (int n = 1; n <= 3; n++) {
        PlantSnapshot.Line line = snapshot.line(n);
        long count = (long) Math.floor(line.count());
        set("Line" + n + ".Production.Count", Variant.ofUInt32(uint(count)), sourceTime);
        served.add(ServedValue.production(line.line(), line.product(), count));
      }
      serveMeters("Utilities", snapshot, sourceTime, served);
      return served;
    }

    /** Sets the meter nodes whose id starts with {@code prefix}, in table order. */
    private void serveMeters(
        String prefix, PlantSnapshot snapshot, DateTime sourceTime, List<ServedValue> served) {
      for (MeterNode n : METER_NODES) {
        if (n.node().startsWith(prefix)) {
          double value = n.value().applyAsDouble(snapshot);
          set(n.node(), Variant.ofDouble(value), sourceTime);
          served.add(ServedValue.meter(n.meter(), n.channel(), n.unit(), value));
        }
      }
    }

    private void set(String id, Variant value, DateTime sourceTime) {
      UaNode node = nodes.get(id);
      ((UaVariableNode) node)
          .setValue(new DataValue(value, StatusCode.GOOD, sourceTime, DateTime.now()));
    }

    @Override
    public void onDataItemsCreated(List<DataItem> dataItems) {
      subscriptionModel.onDataItemsCreated(dataItems);
    }

    @Override
    public void onDataItemsModified(List<DataItem> dataItems) {
      subscriptionModel.onDataItemsModified(dataItems);
    }

    @Override
    public void onDataItemsDeleted(List<DataItem> dataItems) {
      subscriptionModel.onDataItemsDeleted(dataItems);
    }

    @Override
    public void onMonitoringModeChanged(List<MonitoredItem> monitoredItems) {
      subscriptionModel.onMonitoringModeChanged(monitoredItems);
    }
  }
}
