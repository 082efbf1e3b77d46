package com.cloudact.localstack;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.RestController;

/**
 * The module and package rules of ARCHITECTURE.md §1 and STYLE.md §5, checked over every module's main code
 * (this module sees them all).
 */
@AnalyzeClasses(packages = "com.cloudact", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTests {

    private static final String MODEL = "com.cloudact.model..";
    private static final String PLATFORM = "com.cloudact.platform..";
    private static final String API = "com.cloudact.api..";
    private static final String PIPELINE = "com.cloudact.pipeline..";
    private static final String FRONTEND = "com.cloudact.frontend..";
    private static final String SCHEDULER = "com.cloudact.scheduler..";

    @ArchTest
    static final ArchRule modelIsPlainJava = noClasses().that().resideInAPackage(MODEL)
            .should().dependOnClassesThat().resideInAnyPackage("org.springframework..", PLATFORM, API, PIPELINE,
                    FRONTEND, SCHEDULER, "com.google..", "org.duckdb..");

    @ArchTest
    static final ArchRule platformKnowsNoService = noClasses().that().resideInAPackage(PLATFORM)
            .should().dependOnClassesThat().resideInAnyPackage(API, PIPELINE, FRONTEND, SCHEDULER);

    @ArchTest
    static final ArchRule apiServiceUsesNoOtherService = noClasses().that().resideInAPackage(API)
            .should().dependOnClassesThat().resideInAnyPackage(PIPELINE, FRONTEND, SCHEDULER);

    @ArchTest
    static final ArchRule pipelineServiceUsesNoOtherService = noClasses().that().resideInAPackage(PIPELINE)
            .should().dependOnClassesThat().resideInAnyPackage(API, FRONTEND, SCHEDULER);

    @ArchTest
    static final ArchRule frontendUsesNoOtherService = noClasses().that().resideInAPackage(FRONTEND)
            .should().dependOnClassesThat().resideInAnyPackage(API, PIPELINE, SCHEDULER);

    @ArchTest
    static final ArchRule schedulerUsesNoOtherService = noClasses().that().resideInAPackage(SCHEDULER)
            .should().dependOnClassesThat().resideInAnyPackage(API, PIPELINE, FRONTEND);

    @ArchTest
    static final ArchRule cloudSdksStayInAdapters = noClasses()
            .that().resideOutsideOfPackages(PLATFORM, "com.cloudact.pipeline.extract..")
            .should().dependOnClassesThat().resideInAnyPackage("com.google.cloud..", "org.duckdb..",
                    "com.google.crypto..", "io.zonky..");

    @ArchTest
    static final ArchRule controllersArePackagePrivate = classes()
            .that().areAnnotatedWith(RestController.class).or().areAnnotatedWith(Controller.class)
            .and().resideOutsideOfPackage(PLATFORM)
            .should().notBePublic();

    @ArchTest
    static final ArchRule controllersDoNotTouchStoresOrBuildSql = noClasses()
            .that().areAnnotatedWith(RestController.class).or().areAnnotatedWith(Controller.class)
            .should().dependOnClassesThat().haveFullyQualifiedName("com.cloudact.platform.warehouse.Warehouse")
            .orShould().dependOnClassesThat().haveFullyQualifiedName("com.cloudact.platform.warehouse.SqlText")
            .orShould().dependOnClassesThat().resideInAnyPackage("org.springframework.jdbc..");

    @ArchTest
    static final ArchRule featuresHaveNoCycles = slices().matching("com.cloudact.(*).(*)..").should().beFreeOfCycles();
}
