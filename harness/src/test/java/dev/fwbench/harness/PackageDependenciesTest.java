package dev.fwbench.harness;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The harness's packages import each other in one direction only: no package (a backend, the
 * run context, latency...) can reach back into one that depends on it. Each package is its
 * own slice, sub-packages included ({@code backend} and {@code backend.process} are two).
 */
class PackageDependenciesTest {

    @Test
    void noPackageImportCycles() {
        JavaClasses harness = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.fwbench.harness");
        slices().matching("dev.fwbench.harness.(**)").should().beFreeOfCycles().check(harness);
    }
}
