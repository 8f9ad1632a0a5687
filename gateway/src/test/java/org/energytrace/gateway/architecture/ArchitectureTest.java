package org.energytrace.gateway.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The gateway's layers (docs/architecture.md, "Inside the gateway"): a ground {@code model} that
 * imports nothing of ours, configuration and the buffer on it, polling on the buffer, the protocol
 * drivers on polling and configuration, publishing beside them, one composition root ({@code
 * runtime}) that wires them, and the commands on top. The simulator and the embedded broker are
 * demo tools, reached only from the commands and the demo.
 */
class ArchitectureTest {

  static final String ROOT = "org.energytrace.gateway";

  static final JavaClasses GATEWAY =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages(ROOT);

  @Test
  void packagesHaveNoCycles() {
    slices().matching(ROOT + ".(*)..").should().beFreeOfCycles().check(GATEWAY);
  }

  @Test
  void theModelImportsNothingOfOurs() {
    classes()
        .that()
        .resideInAPackage(ROOT + ".model..")
        .should()
        .onlyDependOnClassesThat()
        .resideInAnyPackage(ROOT + ".model..", "java..")
        .check(GATEWAY);
  }

  @Test
  void theLayersImportOnlyDownward() {
    layeredArchitecture()
        .consideringOnlyDependenciesInLayers()
        .layer("Entry")
        .definedBy(ROOT)
        .layer("Cli")
        .definedBy(ROOT + ".cli..")
        .layer("Demo")
        .definedBy(ROOT + ".demo..")
        .layer("DemoTools")
        .definedBy(ROOT + ".simulator..", ROOT + ".broker..")
        .layer("Runtime")
        .definedBy(ROOT + ".runtime..")
        .layer("Publish")
        .definedBy(ROOT + ".publish..")
        .layer("Ops")
        .definedBy(ROOT + ".ops..")
        .layer("Drivers")
        .definedBy(ROOT + ".opcua..", ROOT + ".modbus..")
        .layer("Poll")
        .definedBy(ROOT + ".poll..")
        .layer("Buffer")
        .definedBy(ROOT + ".buffer..")
        .layer("Config")
        .definedBy(ROOT + ".config..")
        .layer("Model")
        .definedBy(ROOT + ".model..")
        .whereLayer("Entry")
        .mayNotBeAccessedByAnyLayer()
        .whereLayer("Cli")
        .mayOnlyBeAccessedByLayers("Entry")
        .whereLayer("Demo")
        .mayOnlyBeAccessedByLayers("Cli")
        .whereLayer("DemoTools")
        .mayOnlyBeAccessedByLayers("Cli", "Demo")
        .whereLayer("Runtime")
        .mayOnlyBeAccessedByLayers("Cli", "Demo")
        .whereLayer("Publish")
        .mayOnlyBeAccessedByLayers("Runtime")
        .whereLayer("Ops")
        .mayOnlyBeAccessedByLayers("Runtime")
        .whereLayer("Drivers")
        .mayOnlyBeAccessedByLayers("Runtime", "Cli", "DemoTools")
        .whereLayer("Poll")
        .mayOnlyBeAccessedByLayers("Drivers", "Runtime", "Cli")
        .whereLayer("Buffer")
        .mayOnlyBeAccessedByLayers("Poll", "Publish", "Ops", "Runtime")
        .whereLayer("Config")
        .mayOnlyBeAccessedByLayers("Drivers", "Publish", "Runtime", "Demo", "Cli")
        .check(GATEWAY);
  }

  @Test
  void noProtocolCodeLeaksDownstreamOfTheDrivers() {
    // STYLE.md anti-pattern 1: no "if (modbus) … else if (opcua)" outside the drivers
    noClasses()
        .that()
        .resideInAnyPackage(
            ROOT + ".publish..", ROOT + ".buffer..", ROOT + ".poll..", ROOT + ".config..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            ROOT + ".opcua..", ROOT + ".modbus..", "org.eclipse.milo..", "com.digitalpetri..")
        .check(GATEWAY);
  }

  @Test
  void theSimulatorAndTheBrokerAreReachedOnlyFromTheCommandsAndTheDemo() {
    classes()
        .that()
        .resideInAnyPackage(ROOT + ".simulator..", ROOT + ".broker..")
        .should()
        .onlyHaveDependentClassesThat()
        .resideInAnyPackage(
            ROOT + ".simulator..", ROOT + ".broker..", ROOT + ".cli..", ROOT + ".demo..")
        .check(GATEWAY);
  }

  @Test
  void onlyThePublisherTalksMqtt() {
    // Paho lives in publish only (the broker command runs HiveMQ, a server, not a client)
    noClasses()
        .that()
        .resideOutsideOfPackages(ROOT + ".publish..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("org.eclipse.paho..")
        .check(GATEWAY);
  }
}
