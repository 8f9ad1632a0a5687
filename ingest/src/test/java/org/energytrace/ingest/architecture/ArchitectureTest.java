package org.energytrace.ingest.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * Ingest's packages (docs/architecture.md, "Inside ingest"): no package loops; a ground of packages
 * that import nothing above them (failures, tenancy, configuration, metrics, the message model and
 * validation, counter arithmetic, health checks, reading uploaded tables); and one composition root
 * ({@code org.energytrace.ingest}: {@code IngestApp}, {@code IngestMain}) that nothing imports.
 */
class ArchitectureTest {

  static final String ROOT = "org.energytrace.ingest";

  static final String[] GROUND = {
    ROOT + ".model..",
    ROOT + ".errors..",
    ROOT + ".tenant..",
    ROOT + ".config..",
    ROOT + ".metrics..",
    ROOT + ".counters..",
    ROOT + ".validate..",
    ROOT + ".health..",
    ROOT + ".upload..",
    ROOT + ".jdbc.."
  };

  static final JavaClasses INGEST =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages(ROOT);

  @Test
  void packagesHaveNoCycles() {
    slices().matching(ROOT + ".(*)..").should().beFreeOfCycles().check(INGEST);
  }

  @Test
  void theGroundImportsNothingAboveIt() {
    noClasses()
        .that()
        .resideInAnyPackage(GROUND)
        .should()
        .dependOnClassesThat(
            DescribedPredicate.describe(
                "reside in an ingest package above the ground",
                c ->
                    c.getPackageName().startsWith(ROOT)
                        && Arrays.stream(GROUND)
                            .noneMatch(
                                g ->
                                    c.getPackageName().startsWith(g.substring(0, g.length() - 2)))))
        .check(INGEST);
  }

  @Test
  void theMessageModelImportsNothingOfIngest() {
    classes()
        .that()
        .resideInAPackage(ROOT + ".model..")
        .should()
        .onlyDependOnClassesThat()
        .resideInAnyPackage(ROOT + ".model..", "java..")
        .check(INGEST);
  }

  @Test
  void nothingImportsTheCompositionRoot() {
    noClasses()
        .that()
        .resideOutsideOfPackage(ROOT)
        .should()
        .dependOnClassesThat()
        .resideInAPackage(ROOT)
        .check(INGEST);
  }
}
